import Crypto
import Foundation
import Orchestration
import SwiftASN1
import SystemPackage
import Testing
import X509

@Suite struct CertificateChainTests {
    /// Writes a chain of `length`, runs `body` on its directory and removes it.
    private func withWrittenChain(
        length: Int,
        _ body: (CertificateChain, TemporaryDirectory) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory("certs")
        defer { directory.remove() }
        let chain = try CertificateChain(length: length)
        try chain.write(to: directory.path)
        try await body(chain, directory)
    }

    private func certificates(in pem: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: pem).map { try Certificate(pemDocument: $0) }
    }

    private func names(_ certificate: Certificate) throws -> [String] {
        let names = try #require(try certificate.extensions.subjectAlternativeNames)
        return names.compactMap { name in
            if case .dnsName(let value) = name { value } else { nil }
        }
    }

    @Test(arguments: [1, 9])
    func filesParseBackAsUpstreamsShape(length: Int) async throws {
        try await withWrittenChain(length: length) { chain, directory in
            let root = try Certificate(pemEncoded: try directory.read("ca.pem"))
            let sent = try certificates(in: try directory.read("cert.pem"))
            #expect(root == chain.root)
            #expect(sent == [chain.leaf] + chain.intermediates)
            #expect(sent.count == length)

            // Leaf first, then intermediates towards the root, each issued by the next.
            let subjects = sent.map { $0.subject.description }
            let expected =
                ["O=interop runner leaf"] + (1..<length).reversed().map { "O=interop runner intermediate \($0)" }
            #expect(subjects == expected)
            for (certificate, issuer) in zip(sent, Array(sent.dropFirst()) + [root]) {
                #expect(certificate.issuer == issuer.subject)
                #expect(issuer.publicKey.isValidSignature(certificate.signature, for: certificate))
            }
            #expect(root.issuer == root.subject && root.publicKey.isValidSignature(root.signature, for: root))
            #expect(root.subject.description == "O=interop runner Root Certificate Authority")

            // CA extensions of cert_config.txt's v3_ca.
            for authority in [root] + chain.intermediates {
                let constraints = try #require(try authority.extensions.basicConstraints)
                #expect(constraints == .isCertificateAuthority(maxPathLength: 100))
                #expect(authority.extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true)
                #expect(try authority.extensions.keyUsage == KeyUsage(keyCertSign: true))
                let authorityKey = try #require(try authority.extensions.authorityKeyIdentifier)
                #expect(authorityKey.authorityCertIssuer?.isEmpty == false)
                #expect(authorityKey.authorityCertSerialNumber != nil)
            }

            // The leaf's names: upstream's four, plus twenty 250-character fillers for a longer chain.
            let leafNames = try names(chain.leaf)
            #expect(Array(leafNames.prefix(4)) == ["server", "server4", "server6", "server46"])
            let fillers = leafNames.dropFirst(4)
            #expect(fillers.count == (length == 1 ? 0 : 20))
            #expect(
                fillers.allSatisfy { $0.count == 250 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
            #expect(try chain.leaf.extensions.basicConstraints == nil)

            // The key file holds the leaf's key in openssl's SEC 1 form.
            let keyText = try directory.read("priv.key")
            #expect(keyText.hasPrefix("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"))
            let keyDocuments = try PEMDocument.parseMultiple(pemString: keyText)
            #expect(keyDocuments.map(\.discriminator) == ["EC PARAMETERS", "EC PRIVATE KEY"])
            let key = try P256.Signing.PrivateKey(derRepresentation: keyDocuments[1].derBytes)
            #expect(key.publicKey.x963Representation == chain.leafKey.publicKey.x963Representation)
            #expect(Certificate.PublicKey(key.publicKey) == chain.leaf.publicKey)

            // Ten days of validity from now, whole seconds.
            let now = Date()
            #expect(abs(chain.leaf.notValidBefore.timeIntervalSince(now)) < 60)
            #expect(chain.leaf.notValidAfter.timeIntervalSince(chain.leaf.notValidBefore) == 10 * 24 * 3600)
        }
    }

    @Test(arguments: [1, 9])
    func swiftCertificatesVerifierAcceptsTheChain(length: Int) async throws {
        let chain = try CertificateChain(length: length)
        var verifier = Verifier(rootCertificates: CertificateStore([chain.root])) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: "server46", serverIP: nil)
        }
        let result = await verifier.validate(
            leaf: chain.leaf,
            intermediates: CertificateStore(chain.intermediates)
        )
        guard case .validCertificate(let path) = result else {
            Issue.record("not valid: \(result)")
            return
        }
        #expect(path.count == length + 1)
    }

    @Test(arguments: [1, 9])
    func opensslVerifiesTheChainAndSeesTheNames(length: Int) async throws {
        try await withWrittenChain(length: length) { chain, directory in
            // Split cert.pem into the leaf and the untrusted intermediates, as a TLS client receives them.
            try directory.write("leaf.pem", try chain.leaf.serializeAsPEM().pemString + "\n")
            var verifyArguments = ["verify", "-CAfile", directory.file("ca.pem").string]
            if length > 1 {
                let intermediates = try chain.intermediates.map { try $0.serializeAsPEM().pemString + "\n" }.joined()
                try directory.write("intermediates.pem", intermediates)
                verifyArguments += ["-untrusted", directory.file("intermediates.pem").string]
            }
            verifyArguments += ["-verify_hostname", "server4", directory.file("leaf.pem").string]
            let verify = try await command("openssl", verifyArguments)
            #expect(verify.succeeded, "\(verify.standardOutput)\(verify.standardError)")
            #expect(verify.standardOutput.hasSuffix("leaf.pem: OK\n"))

            // The whole cert.pem is what servers load; openssl reads its first certificate as the leaf.
            let text = try await command(
                "openssl", ["x509", "-in", directory.file("cert.pem").string, "-noout", "-text"])
            #expect(text.succeeded)
            #expect(text.standardOutput.contains("DNS:server, DNS:server4, DNS:server6, DNS:server46"))
            #expect(text.standardOutput.contains("Subject: O = interop runner leaf"))
            #expect(text.standardOutput.contains("ASN1 OID: prime256v1"))
            let nameCount = text.standardOutput.components(separatedBy: "DNS:").count - 1
            #expect(nameCount == (length == 1 ? 4 : 24))

            let root = try await command(
                "openssl", ["x509", "-in", directory.file("ca.pem").string, "-noout", "-text"])
            #expect(root.standardOutput.contains("CA:TRUE, pathlen:100"))
            #expect(root.standardOutput.contains("Certificate Sign"))

            // openssl accepts the key and it belongs to the leaf.
            let keyCheck = try await command(
                "openssl", ["ec", "-in", directory.file("priv.key").string, "-check", "-noout"])
            #expect(keyCheck.succeeded, "\(keyCheck.standardError)")
            let keyPublic = try await command("openssl", ["pkey", "-in", directory.file("priv.key").string, "-pubout"])
            let leafPublic = try await command(
                "openssl", ["x509", "-in", directory.file("leaf.pem").string, "-pubkey", "-noout"])
            #expect(!keyPublic.standardOutput.isEmpty && keyPublic.standardOutput == leafPublic.standardOutput)
        }
    }

    @Test func filesHaveSaneModesAndAreReplaced() async throws {
        try await withWrittenChain(length: 1) { _, directory in
            // A second chain over the first replaces every file, and a loosened key file gets its mode back.
            chmod(directory.file("priv.key").string, 0o666)
            let second = try CertificateChain(length: 1)
            try second.write(to: directory.path)
            #expect(try Certificate(pemEncoded: try directory.read("ca.pem")) == second.root)
            for (name, mode) in [("ca.pem", 0o644), ("cert.pem", 0o644), ("priv.key", 0o644)] {
                let attributes = try FileManager.default.attributesOfItem(atPath: directory.file(name).string)
                #expect((attributes[.posixPermissions] as? Int) == mode, "\(name)")
            }
        }
    }

    @Test func writingCreatesTheDirectory() throws {
        let parent = try TemporaryDirectory("certs")
        defer { parent.remove() }
        let target = parent.file("nested/certs")
        try CertificateChain().write(to: target)
        #expect(FileManager.default.fileExists(atPath: target.appending("priv.key").string))
    }

    @Test func badLengthAndUnwritableDirectoryAreErrors() throws {
        #expect(throws: JobSetupError.self) { try CertificateChain(length: 0) }
        let error = #expect(throws: JobSetupError.self) {
            try CertificateChain().write(to: "/proc/qir-no-such-dir")
        }
        #expect(error?.code == .directory)
        #expect(error?.path == "/proc/qir-no-such-dir")
    }

    @Test func inflatingNamesFollowTheGivenGenerator() throws {
        var first = SystemRandomNumberGenerator()
        var generator = FixedGenerator()
        var again = FixedGenerator()
        let a = try CertificateChain(length: 2, using: &generator)
        let b = try CertificateChain(length: 2, using: &again)
        let c = try CertificateChain(length: 2, using: &first)
        #expect(try names(a.leaf) == names(b.leaf))
        #expect(try names(a.leaf) != names(c.leaf))
    }
}

/// A deterministic generator (SplitMix64 from a fixed seed).
private struct FixedGenerator: RandomNumberGenerator {
    var state: UInt64 = 42
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
