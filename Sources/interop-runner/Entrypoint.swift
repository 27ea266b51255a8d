/// The executable's entry: everything lives in the commands and the library modules.
@main enum Entrypoint {
    static func main() async { await InteropRunner.runAndExit() }
}
