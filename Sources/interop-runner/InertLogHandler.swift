import Logging
import Results

/// Escapes what a log line carries before the wrapped handler prints it (`InertText`), so nothing logged (an
/// endpoint's failure reason, a downloaded file's name, a path) can end the line and start one of its own, such as a
/// CI workflow command (`::error::…`), or drive the terminal.
struct InertLogHandler: LogHandler {
    var wrapped: any LogHandler

    func log(event: LogEvent) {
        var event = event
        event.message = "\(InertText.escaped(event.message.description))"
        event.metadata = event.metadata?.mapValues(Self.escaped)
        wrapped.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(Self.escaped) }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue.mapValues(Self.escaped) }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    /// A metadata value with every string in it escaped.
    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(InertText.escaped(text))
        case .stringConvertible(let convertible): .string(InertText.escaped(convertible.description))
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(escaped))
        case .array(let array): .array(array.map(escaped))
        }
    }
}
