import Crypto
import Foundation
import SwiftASN1
public import SystemPackage
import X509

#if canImport(Glibc)
    import Glibc
#endif

extension CertificateChain {
    /// The file names of the `/certs` directory in the endpoint contract.
    public enum FileName {
        /// The root certificate, which clients trust.
        public static let root = "ca.pem"
        /// The chain the server sends: leaf first, then the intermediates towards the root.
        public static let chain = "cert.pem"
        /// The leaf's private key.
        public static let privateKey = "priv.key"
    }

    /// `ca.pem`: the root certificate in PEM.
    public func rootPEM() throws(JobSetupError) -> String {
        try Self.pem(root)
    }

    /// `cert.pem`: leaf first, then the intermediates, concatenated as upstream's `cat` loop does.
    public func chainPEM() throws(JobSetupError) -> String {
        var text = try Self.pem(leaf)
        for certificate in intermediates {
            text += try Self.pem(certificate)
        }
        return text
    }

    /// `priv.key`: the leaf key as openssl's `ecparam -genkey` writes it, an `EC PARAMETERS` block naming P-256
    /// followed by the SEC 1 `EC PRIVATE KEY` (swift-crypto only writes PKCS #8, which upstream never used).
    public func privateKeyPEM() -> String {
        Self.parametersPEM + PEMDocument(type: "EC PRIVATE KEY", derBytes: Self.sec1DER(leafKey)).pemString + "\n"
    }

    /// Writes `ca.pem`, `cert.pem` and `priv.key` into `directory`, creating it (mode 0755) if missing.
    ///
    /// Every file is world-readable (0644), the key too: endpoints run as unprivileged users of their own (the
    /// sandbox), and the key of a throwaway chain made for one job guards nothing (openssl would leave it 0600).
    /// Existing files of these names are replaced.
    public func write(to directory: FilePath) throws(JobSetupError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory.string,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755]
            )
        } catch {
            throw JobSetupError(code: .directory, path: directory.string, detail: "\(error)")
        }
        try Self.writeFile(
            directory.appending(FileName.root), contents: rootPEM(), mode: FilePermissions(rawValue: 0o644))
        try Self.writeFile(
            directory.appending(FileName.chain), contents: chainPEM(), mode: FilePermissions(rawValue: 0o644))
        try Self.writeFile(
            directory.appending(FileName.privateKey), contents: privateKeyPEM(), mode: FilePermissions(rawValue: 0o644))
    }

    private static func pem(_ certificate: Certificate) throws(JobSetupError) -> String {
        do {
            return try certificate.serializeAsPEM().pemString + "\n"
        } catch {
            throw JobSetupError(
                code: .certificateGeneration,
                path: certificate.subject.description,
                detail: "cannot encode: \(error)"
            )
        }
    }

    /// `openssl ecparam -name prime256v1` output: the DER of OID 1.2.840.10045.3.1.7.
    private static let parametersPEM = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"

    /// RFC 5915 `ECPrivateKey` for a P-256 key. Every field has a fixed length for this curve, so the DER is a
    /// constant frame around the 32-byte scalar and the 65-byte uncompressed public point.
    private static func sec1DER(_ key: P256.Signing.PrivateKey) -> [UInt8] {
        let scalar = Array(key.rawRepresentation)
        let point = Array(key.publicKey.x963Representation)
        assert(scalar.count == 32 && point.count == 65)
        // SEQUENCE(119) { INTEGER 1, OCTET STRING(32) scalar, [0] { OID prime256v1 }, [1] { BIT STRING(66) 0 point } }
        return [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20] + scalar
            + [0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
            + [0xA1, 0x44, 0x03, 0x42, 0x00] + point
    }

    private static func writeFile(_ path: FilePath, contents: String, mode: FilePermissions) throws(JobSetupError) {
        do {
            let descriptor = try FileDescriptor.open(
                path,
                .writeOnly,
                options: [.create, .truncate, .closeOnExec, .noFollow],
                permissions: mode
            )
            try descriptor.closeAfter {
                // A file that already existed keeps its old mode through O_CREAT; each file gets exactly its own.
                guard fchmod(descriptor.rawValue, mode.rawValue) == 0 else {
                    throw Errno(rawValue: errno)
                }
                _ = try descriptor.writeAll(contents.utf8)
            }
        } catch {
            throw JobSetupError(code: .cannotWriteFile, path: path.string, detail: "\(error)")
        }
    }
}
