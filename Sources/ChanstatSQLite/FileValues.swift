import ChanstatCore
import GRDB

/// The values of a file's row that name a row elsewhere (a team, a user, an inbox, a conversation), read without
/// trusting the file. GRDB converts as SQLite does when it reads a cursor, so the text "abc" in `team_id` would be
/// team 0, a plausible wrong group ("Team #0 (deleted)"); read from a copied row it stops the process. Either is
/// wrong for a file anyone may have written: a value that is not a whole number where an id belongs is the file's
/// fault, said in one sentence that names the column (the value itself is not shown: it is the file's text).
struct FileValues {
    let fileName: String

    /// The whole number at `index` (nil for NULL), or the sentence naming `column` ("conversations.team_id").
    func id(_ row: Row, _ index: Int, _ column: String) throws -> Int64? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 9.0e18: return Int64(number)
        case .double, .string, .blob:
            throw SourceError(.badData, "\(fileName) holds a value that is not a whole number in \(column), where "
                              + "Chatwoot keeps an id: the file is not Chatwoot-shaped (see sample-data/schema.sql)")
        }
    }

    /// The text at `index` whatever the file stored there (a number is written out, bytes read as UTF-8 with
    /// what is not UTF-8 replaced); nil for NULL. Names are shown made safe later, as all names are.
    func text(_ row: Row, _ index: Int) -> String? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The column that holds the id of a group of `breakdown` (the second column of every group query).
    static func idColumn(of breakdown: Breakdown) -> String {
        switch breakdown {
        case .team: return "conversations.team_id"
        case .agent: return "conversations.assignee_id"
        case .channel, .inbox, .day: return "inboxes.id"
        case .label: return "the labels' ids"
        }
    }
}
