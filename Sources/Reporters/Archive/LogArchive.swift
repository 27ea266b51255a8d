public import Foundation
import ZIPFoundation

/// A zip archive of a run's log tree, written with ZIPFoundation: text deflated, packet captures stored.
///
/// Entry names are made safe for GitHub artifact uploads (and Windows): each of `" : < > | * ?`, a control
/// character and a backslash becomes `_`; names that collide after that get a `~N` suffix.
public enum LogArchive {
    /// Characters GitHub's artifact upload refuses in a path.
    static let forbidden: Set<Character> = ["\"", ":", "<", ">", "|", "*", "?", "\\"]

    /// `name` (one path component) with forbidden and control characters replaced by `_`.
    public static func sanitizedName(_ name: String) -> String {
        let out = String(
            name.map { character -> Character in
                if forbidden.contains(character) { return "_" }
                if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "_" }
                return character
            })
        return out.isEmpty || out == "." || out == ".." ? "_" : out
    }

    /// Archives every file, directory and symbolic link below `logRoot` into a new zip at `archive` (replacing
    /// it), in sorted order; `archive` itself is skipped when it lies inside `logRoot`. Returns the entry names.
    @discardableResult
    public static func create(from logRoot: URL, to archive: URL) throws(ReportError) -> [String] {
        let root = logRoot.standardizedFileURL
        let destination = archive.standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError(.archive, "log directory \(root.path) does not exist")
        }
        let relativePaths: [String]
        do {
            relativePaths = try manager.subpathsOfDirectory(atPath: root.path).sorted()
        } catch {
            throw ReportError(.archive, "cannot list \(root.path): \(error)")
        }
        try? manager.removeItem(at: destination)
        let zip: Archive
        do {
            zip = try Archive(url: destination, accessMode: .create)
        } catch {
            throw ReportError(.archive, "cannot create \(destination.path): \(error)")
        }
        var used: Set<String> = []
        var renamedFolders: [String: String] = [:]
        var names: [String] = []
        for relative in relativePaths {
            let source = root.appendingPathComponent(relative)
            guard source.standardizedFileURL.path != destination.path else { continue }
            let components = relative.split(separator: "/").map(String.init)
            let parent = components.dropLast().joined(separator: "/")
            let safeParent = parent.isEmpty ? "" : (renamedFolders[parent] ?? parent)
            var name = (safeParent.isEmpty ? "" : safeParent + "/") + sanitizedName(components.last ?? "")
            name = unique(name, used: &used)
            let isFolder =
                (try? source.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey]))
                .map { $0.isDirectory == true && $0.isSymbolicLink != true } ?? false
            if isFolder { renamedFolders[relative] = name }
            do {
                try zip.addEntry(
                    with: isFolder ? name + "/" : name, fileURL: source,
                    compressionMethod: storesUncompressed(relative) ? .none : .deflate)
            } catch {
                throw ReportError(.archive, "cannot add \(source.path) to \(destination.path): \(error)")
            }
            names.append(isFolder ? name + "/" : name)
        }
        return names
    }

    /// Whether the file at `path` is stored as it is: a packet capture of encrypted QUIC deflates by about 6 % at
    /// the cost of most of the archive's time (measured on the main job's captures), so captures are stored; text
    /// (qlogs, logs) deflates tenfold and is deflated.
    static func storesUncompressed(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".pcap") || lowered.hasSuffix(".pcapng")
    }

    /// The size of the archive at `archive` in bytes.
    ///
    /// - Throws: `ReportError` when it cannot be read.
    public static func size(of archive: URL) throws(ReportError) -> Int64 {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: archive.path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw ReportError(.archive, "cannot read the size of \(archive.path): \(error)")
        }
    }

    /// `name`, or `name~N` (before the extension) for the smallest N that is still free.
    private static func unique(_ name: String, used: inout Set<String>) -> String {
        if used.insert(name).inserted { return name }
        let slash = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
        let dot = name[slash...].lastIndex(of: ".").flatMap { $0 > slash ? $0 : nil } ?? name.endIndex
        var counter = 1
        while true {
            let candidate = String(name[..<dot]) + "~\(counter)" + String(name[dot...])
            if used.insert(candidate).inserted { return candidate }
            counter += 1
        }
    }
}
