public import Crypto
public import Foundation
public import X509

/// The certificates a server endpoint presents, made in-process the way upstream's `certs.sh <dir> <length>` makes
/// them with openssl.
///
/// Upstream's shape, kept exactly because endpoints were tested against it: every key is ECDSA P-256; the root is
/// self-signed with subject `O=interop runner Root Certificate Authority`; certificate `i` of `1..<length` is an
/// intermediate `O=interop runner intermediate i` signed by certificate `i-1`; the last one is the leaf
/// `O=interop runner leaf` with the subject alternative names `server`, `server4`, `server6`, `server46` and, when
/// the chain is longer than one certificate, twenty random 250-character names that inflate it for the
/// amplification-limit test. CA certificates carry `keyUsage=critical,keyCertSign`, a hashed subject key identifier,
/// an authority key identifier with key id, issuer name and serial, and `basicConstraints=critical,CA:TRUE,
/// pathlen:100`; the leaf carries its names and both key identifiers. Everything is valid for ten days.
///
/// Invariant: `intermediates.count == length - 1`, and each certificate is signed by the next one towards the root.
public struct CertificateChain: Sendable {
    /// The names every leaf certifies: the server's host names in the job's `/etc/hosts`.
    public static let serverNames = ["server", "server4", "server6", "server46"]
    /// How many random names inflate a chain longer than one certificate (upstream's `seq 1 20`).
    public static let inflatingNameCount = 20
    /// The length of each inflating name (upstream's `head -c 250`).
    public static let inflatingNameLength = 250
    /// How long the certificates are valid (upstream's `-days 10`).
    public static let validity: TimeInterval = 10 * 24 * 60 * 60

    /// The self-signed root, written as `ca.pem`.
    public let root: Certificate
    /// The intermediates in the order the server sends them: the leaf's issuer first, the root's child last.
    public let intermediates: [Certificate]
    /// The certificate for the server's names.
    public let leaf: Certificate
    /// The leaf's private key, written as `priv.key`.
    public let leafKey: P256.Signing.PrivateKey

    /// The number of certificates the server sends (leaf and intermediates), upstream's chain length.
    public var length: Int { intermediates.count + 1 }

    /// Generates a chain of `length` certificates (1 = the leaf alone, signed by the root).
    ///
    /// - Parameters:
    ///   - length: the chain length; upstream uses 1, and 9 for `amplificationlimit`.
    ///   - now: the start of the validity period.
    ///   - generator: draws the inflating names (keys and serial numbers always come from the system's CSPRNG).
    public init(
        length: Int,
        now: Date = Date(),
        using generator: inout some RandomNumberGenerator
    ) throws(JobSetupError) {
        guard length >= 1 else {
            throw JobSetupError(
                code: .certificateGeneration,
                path: "chain length",
                detail: "must be at least 1, got \(length)"
            )
        }
        // X.509 times have whole seconds; dropping the fraction keeps the parsed-back value equal to this one.
        let notBefore = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let notAfter = notBefore.addingTimeInterval(Self.validity)
        var leafNames = Self.serverNames
        if length > 1 {
            leafNames += (0..<Self.inflatingNameCount).map { _ in
                Self.randomAlphanumeric(count: Self.inflatingNameLength, using: &generator)
            }
        }
        do {
            var issuer = try Self.makeRoot(notBefore: notBefore, notAfter: notAfter)
            let root = issuer.certificate
            var issued: [Certificate] = []
            for index in 1..<length {
                issuer = try Self.makeIntermediate(
                    number: index,
                    issuer: issuer,
                    notBefore: notBefore,
                    notAfter: notAfter
                )
                issued.append(issuer.certificate)
            }
            let leafKey = P256.Signing.PrivateKey()
            let leaf = try Self.makeLeaf(
                key: leafKey,
                names: leafNames,
                issuer: issuer,
                notBefore: notBefore,
                notAfter: notAfter
            )
            self.root = root
            self.intermediates = issued.reversed()
            self.leaf = leaf
            self.leafKey = leafKey
        } catch {
            throw JobSetupError(code: .certificateGeneration, path: "chain of \(length)", detail: "\(error)")
        }
        assert(intermediates.count == length - 1)
    }

    /// Generates a chain of `length` certificates, drawing the inflating names from the system's generator.
    public init(length: Int = 1, now: Date = Date()) throws(JobSetupError) {
        var generator = SystemRandomNumberGenerator()
        try self.init(length: length, now: now, using: &generator)
    }
}

extension CertificateChain {
    /// A CA certificate together with the key that signs the next certificate down the chain.
    private struct Issuer {
        var certificate: Certificate
        var key: P256.Signing.PrivateKey
    }

    /// Letters and digits, as `tr -dc '[:alnum:]'` keeps them in the C locale.
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` letters and digits, uniformly drawn, ten from each 64-bit draw (62^10 < 2^64) so that a
    /// system-generator draw, one `getrandom` call each, serves ten characters.
    private static func randomAlphanumeric(count: Int, using generator: inout some RandomNumberGenerator) -> String {
        let base = UInt64(alphanumerics.count)
        let digitsPerDraw = 10
        let span = (0..<digitsPerDraw).reduce(UInt64(1)) { product, _ in product * base }
        // Draws at or above the largest multiple of `span` would favour low digits; they are drawn again.
        let limit = UInt64.max - UInt64.max % span
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let draw = generator.next()
            guard draw < limit else { continue }
            var value = draw % span
            for _ in 0..<min(digitsPerDraw, count - bytes.count) {
                bytes.append(alphanumerics[Int(value % base)])
                value /= base
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func name(_ organization: String) throws -> DistinguishedName {
        try DistinguishedName { OrganizationName(organization) }
    }

    /// The extensions of upstream's `v3_ca` section, for a CA with `key` issued by `issuer`.
    private static func caExtensions(
        publicKey: Certificate.PublicKey,
        authority: AuthorityKeyIdentifier
    ) throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(KeyUsage(keyCertSign: true))
            SubjectKeyIdentifier(hash: publicKey)
            authority
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 100))
        }
    }

    /// `authorityKeyIdentifier=keyid:always,issuer:always`: the issuer's key id, its issuer's name and its serial.
    private static func authorityIdentifier(of issuer: Certificate) throws -> AuthorityKeyIdentifier {
        AuthorityKeyIdentifier(
            keyIdentifier: SubjectKeyIdentifier(hash: issuer.publicKey).keyIdentifier,
            authorityCertIssuer: [.directoryName(issuer.issuer)],
            authorityCertSerialNumber: issuer.serialNumber
        )
    }

    private static func makeRoot(notBefore: Date, notAfter: Date) throws -> Issuer {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let subject = try name("interop runner Root Certificate Authority")
        let serialNumber = Certificate.SerialNumber()
        // A self-signed certificate names itself as its authority.
        let authority = AuthorityKeyIdentifier(
            keyIdentifier: SubjectKeyIdentifier(hash: publicKey).keyIdentifier,
            authorityCertIssuer: [.directoryName(subject)],
            authorityCertSerialNumber: serialNumber
        )
        let certificate = try Certificate(
            version: .v3,
            serialNumber: serialNumber,
            publicKey: publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try caExtensions(publicKey: publicKey, authority: authority),
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        return Issuer(certificate: certificate, key: key)
    }

    private static func makeIntermediate(
        number: Int,
        issuer: Issuer,
        notBefore: Date,
        notAfter: Date
    ) throws -> Issuer {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: issuer.certificate.subject,
            subject: try name("interop runner intermediate \(number)"),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try caExtensions(
                publicKey: publicKey,
                authority: try authorityIdentifier(of: issuer.certificate)
            ),
            issuerPrivateKey: Certificate.PrivateKey(issuer.key)
        )
        return Issuer(certificate: certificate, key: key)
    }

    private static func makeLeaf(
        key: P256.Signing.PrivateKey,
        names: [String],
        issuer: Issuer,
        notBefore: Date,
        notAfter: Date
    ) throws -> Certificate {
        let publicKey = Certificate.PublicKey(key.publicKey)
        // openssl 3's `x509 -req` adds both key identifiers to the leaf, the authority one as a bare key id.
        let extensions = try Certificate.Extensions {
            SubjectAlternativeNames(names.map { .dnsName($0) })
            SubjectKeyIdentifier(hash: publicKey)
            AuthorityKeyIdentifier(
                keyIdentifier: SubjectKeyIdentifier(hash: issuer.certificate.publicKey).keyIdentifier)
        }
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: issuer.certificate.subject,
            subject: try name("interop runner leaf"),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(issuer.key)
        )
    }
}
