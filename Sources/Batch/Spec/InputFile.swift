import Foundation
import Results

#if canImport(Glibc)
    import Glibc
    import CoreFoundation  // `stat`'s fields are attributed to it once a C module of the build includes <sys/stat.h>
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a spec or a registry as text, or says in one problem why the path is not such a file: missing, a
/// directory, a device or a pipe (which could block or never end), too large, or not UTF-8 (with where).
enum InputFile {
    /// Specs and registries are a few kilobytes (upstream's registry is 5 KB); anything past this is not one, and
    /// reading it would cost seconds for nothing (Yams matches every key and value against its tag patterns).
    static let maximumSize = 256 << 10

    /// The text at `path` without a leading byte-order mark; `kind` (`spec`, `registry`) words the problem.
    ///
    /// - Throws: `SpecProblems` with the one reason the path cannot be read as such a file.
    static func read(_ path: String, kind: String) throws(SpecProblems) -> String {
        func problem(_ message: String, line: Int? = nil, column: Int? = nil) -> SpecProblems {
            SpecProblems([SpecProblem(file: path, path: "", line: line, column: column, message: message)])
        }
        guard !path.isEmpty else { throw problem("no \(kind) file named (the path is empty)") }
        var status = Glibc.stat()
        guard stat(path, &status) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw problem("cannot read the \(kind): \(reason)")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw problem("is a directory, not a \(kind) file")
        default: throw problem("is not a regular file (a device, pipe or socket), not a \(kind) file")
        }
        guard status.st_size <= maximumSize else {
            throw problem("is \(status.st_size) bytes; a \(kind) file is at most \(maximumSize >> 10) KiB")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw problem("cannot read the \(kind): \(FileErrorText.describe(error))")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if String(validating: bytes, as: UTF8.self) == nil, let invalid = firstInvalidUTF8(bytes) {
            throw problem(
                "not UTF-8 text: byte 0x\(String(bytes[invalid.offset], radix: 16, uppercase: true)) cannot start or "
                    + "continue a character (save the file as UTF-8)",
                line: invalid.line, column: invalid.column)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte offset, line and column of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, line: Int, column: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return (offset, line, column)
            case .emptyInput:
                return nil
            }
        }
    }
}
