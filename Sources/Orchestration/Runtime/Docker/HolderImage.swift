import Crypto
import Foundation

/// The image of the namespace holders: nothing but `interop-pause`, a static program that sleeps until it is told
/// to stop. The runner builds it itself with `docker import` (no registry needed), tagged by the program's digest, so
/// a changed program makes a new image and an unchanged one is built once per machine.
enum HolderImage {
    /// The helper executable the image holds.
    static let programName = "interop-pause"
    /// The image's repository.
    static let repository = "interop-runner/holder"

    /// The holder image's reference, built first when it is missing.
    ///
    /// - Throws: ``DockerError`` with code `holderImage` when the program is not beside the runner or the import fails.
    static func ensure(with docker: DockerCLI) async throws(DockerError) -> String {
        guard let path = SiblingExecutable.candidates(named: programName).first,
            let program = FileManager.default.contents(atPath: path)
        else {
            throw DockerError(
                .holderImage,
                "\(programName) is not built beside the runner (swift build --product \(programName)); the docker runtime needs it"
            )
        }
        let digest = SHA256.hash(data: program).map { String(format: "%02x", $0) }.joined()
        let reference = "\(repository):\(digest.prefix(16))"
        if (try? await docker.call(["image", "inspect", "--format", "{{.Id}}", reference])) != nil {
            return reference
        }
        var archive = TarArchive()
        archive.addFile(named: "pause", mode: 0o755, contents: [UInt8](program))
        do {
            try await docker.call(
                ["import", "--change", "ENTRYPOINT [\"/pause\"]", "-", reference], failing: .holderImage,
                input: archive.finished)
        } catch {
            throw DockerError(.holderImage, "cannot build the holder image \(reference): \(error.message)")
        }
        return reference
    }
}
