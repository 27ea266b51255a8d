public import struct Foundation.URL

/// The four directories of one job that the endpoints see as `/www` and `/downloads`.
///
/// Orchestration owns where they are; the catalog writes the served files into the two `www` directories and
/// reads the two `downloads` directories when it checks a job.
public struct JobDirectories: Sendable, Hashable, Codable {
    /// Mounted as the server's `/www` (read-only for the server).
    public var serverWWW: URL
    /// Mounted as the client's `/www`; WebTransport `send` tests serve from here.
    public var clientWWW: URL
    /// Mounted as the server's `/downloads`.
    public var serverDownloads: URL
    /// Mounted as the client's `/downloads`.
    public var clientDownloads: URL

    /// Creates the set from four directories.
    public init(serverWWW: URL, clientWWW: URL, serverDownloads: URL, clientDownloads: URL) {
        self.serverWWW = serverWWW
        self.clientWWW = clientWWW
        self.serverDownloads = serverDownloads
        self.clientDownloads = clientDownloads
    }

    /// The set below one job directory, named like upstream's temporary directories
    /// (`server_www`, `client_www`, `server_downloads`, `client_downloads`).
    public init(root: URL) {
        self.init(
            serverWWW: root.appending(path: "server_www", directoryHint: .isDirectory),
            clientWWW: root.appending(path: "client_www", directoryHint: .isDirectory),
            serverDownloads: root.appending(path: "server_downloads", directoryHint: .isDirectory),
            clientDownloads: root.appending(path: "client_downloads", directoryHint: .isDirectory)
        )
    }

    /// The directory a transfer's files are served from.
    public func source(of direction: TransferDirection) -> URL {
        direction == .serverToClient ? serverWWW : clientWWW
    }

    /// The directory a transfer's files are downloaded into.
    public func destination(of direction: TransferDirection) -> URL {
        direction == .serverToClient ? clientDownloads : serverDownloads
    }
}
