import Foundation
import NIOCore
import PostgresNIO

/// An instant bound as `timestamp without time zone` holding its UTC wall-clock time: what Chatwoot's
/// `created_at` holds. Sent in binary (microseconds since 2000-01-01), so no text is parsed and no zone enters:
/// the server compares it with the column as it is, whatever its and the session's TimeZone. (A Swift `Date`
/// would be sent as `timestamptz`, and comparing that with a `timestamp` column converts with the session's
/// zone. Text cast to timestamp would be exact too, but the cast is not a constant to the planner: a scan
/// repeats it for every row, which the benchmark measured at twice the query's time.)
struct UTCTimestamp: PostgresNonThrowingEncodable {
    let unixSeconds: Int64

    static var psqlType: PostgresDataType { .timestamp }
    static var psqlFormat: PostgresFormat { .binary }

    /// PostgreSQL's epoch, 2000-01-01 00:00:00, in Unix seconds.
    static let postgresEpoch: Int64 = 946_684_800

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger((unixSeconds - Self.postgresEpoch) * 1_000_000)
    }
}

/// The same instant for a `timestamp with time zone` column (a customised schema): binary timestamptz is
/// absolute (microseconds since 2000-01-01 UTC), so no zone enters either.
struct UTCInstant: PostgresNonThrowingEncodable {
    let unixSeconds: Int64

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger((unixSeconds - UTCTimestamp.postgresEpoch) * 1_000_000)
    }
}
