/// Upstream's size units (`KB = 1 << 10`, `MB = 1 << 20`).
enum ByteCount {
    static let kB = 1 << 10
    static let mB = 1 << 20
}
