/// The vocabulary of upstream's file names: the default word lists of the `random-slugs` Python package
/// (version 1.0.4, MIT licence, (c) 2024 Fabio Kapsahili), with repeated words listed once.
enum SlugWords {
    /// The adjectives; a slug starts with two of them.
    static let adjectives: [String] = [
        "blue", "green", "purple", "orange", "black", "white", "gray", "brown", "pink", "tan", "cyan",
        "magenta", "olive", "maroon", "navy", "aquamarine", "turquoise", "silver", "lime", "teal", "indigo",
        "violet", "red", "yellow", "abundant", "ample", "bountiful", "copious", "countless", "endless",
        "enough", "excessive", "few", "infinite", "many", "numerous", "plentiful", "sufficient", "surplus",
        "unlimited", "massive", "tiny", "small", "medium", "large", "huge", "gigantic", "enormous", "minuscule",
        "microscopic", "giant", "titanic", "colossal", "immense", "monstrous", "vast", "tremendous", "angry",
        "happy", "sad", "excited", "bored", "scared", "surprised", "confused", "disgusted", "embarrassed",
        "envious", "frightened", "guilty", "jealous", "lonely", "proud", "shy", "tired", "worried", "anxious",
        "ashamed", "calm", "content", "delighted", "ecstatic", "elated", "euphoric", "exhilarated", "glad",
        "joyful", "jubilant", "lively", "merry", "overjoyed", "peaceful", "pleased", "radiant", "satisfied",
        "serene", "thrilled", "upbeat", "vibrant", "zestful", "zesty", "zippy", "broken", "clean", "dirty",
        "empty", "full", "hot", "cold", "wet", "dry", "fast", "slow", "hard", "soft", "heavy", "light", "noisy",
        "quiet", "bright", "dark", "thick", "thin", "sharp", "dull", "smooth", "rough", "sweet", "sour",
        "bitter", "salty", "spicy", "savory", "tangy", "tart", "mild", "warm", "cool", "icy", "frozen",
        "boiling", "scalding", "steaming", "roasting", "toasty", "chilly", "freezing", "frosty", "frigid",
        "arctic", "polar", "tropical", "subtropical", "temperate", "moderate", "extreme", "severe", "intense",
        "harsh", "brutal", "cruel", "merciless", "unrelenting", "unforgiving",
    ]

    /// The nouns; a slug ends with one of them.
    static let nouns: [String] = [
        "tiger", "elephant", "camel", "giraffe", "otter", "mongoose", "porcupine", "jaguar", "gorilla", "koala",
        "meerkat", "ocelot", "buffalo", "platypus", "anteater", "armadillo", "cheetah", "chameleon", "cat",
        "lion", "walrus", "quokka", "lynx", "sloth", "wolverine", "lemur", "carvan", "boat", "plane", "train",
        "bicycle", "motorcycle", "scooter", "skateboard", "car", "truck", "bus", "subway", "helicopter",
        "rocket", "spaceship", "tractor", "golfcart", "segway", "pikachu", "charmander", "bulbasaur",
        "squirtle", "snorlax", "mewtwo", "mew", "articuno", "zapdos", "moltres", "raikou", "entei", "suicune",
        "lugia", "celebi", "rayquaza", "jirachi", "deoxys", "uxie", "mesprit", "azelf", "dialga", "palkia",
        "heatran", "giratina", "cpu", "gpu", "ram", "rom", "ssd", "hdd", "usb", "hdmi", "vga", "dvi",
        "ethernet", "bluetooth", "floppy", "zip", "vhs", "cassette", "vinyl", "laserdisc", "scientist",
        "doctor", "engineer", "programmer", "teacher", "professor", "student", "nurse", "artist", "musician",
        "actor", "actress", "singer", "dancer", "chef", "firefighter", "police", "officer", "soldier", "pilot",
        "astronaut", "lawyer", "judge", "politician", "president", "king", "queen", "prince", "princess",
        "emperor", "empress", "dictator", "tyrant", "pharaoh", "sultan", "shogun", "samurai", "ninja", "pirate",
        "viking", "knight", "wizard", "witch", "sorcerer", "warlock", "cleric", "monk", "bard", "druid",
        "ranger", "paladin", "barbarian", "fighter", "rogue", "thief", "assassin", "necromancer", "alchemist",
        "blacksmith", "merchant", "farmer", "hunter", "fisherman", "lumberjack", "shoe", "sock", "shirt",
        "pants", "shorts", "skirt", "dress", "suit", "tie", "bowtie", "scarf", "gloves", "mittens", "hat",
        "cap", "helmet", "glasses", "sunglasses", "watch", "bracelet", "necklace", "earrings", "ring", "belt",
        "wallet", "purse", "backpack", "bag", "suitcase", "briefcase", "book", "notebook", "journal", "diary",
        "calendar", "planner", "pen", "pencil", "marker", "highlighter", "eraser", "ruler", "scissors", "tape",
        "glue", "stapler", "paper", "envelope", "folder", "file", "computer", "laptop", "tablet", "phone",
        "smartphone", "smartwatch", "headphones", "earbuds", "speaker", "microphone", "camera", "television",
        "monitor", "keyboard", "mouse", "trackpad",
    ]
}
