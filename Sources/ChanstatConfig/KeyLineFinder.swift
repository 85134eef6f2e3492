/// TOMLKit gives a line only for syntax errors; its values carry no position. For an unknown key or a value
/// of the wrong type this finds the line where the key is written, so the message can still say
/// `FILE:LINE:`. It is only a pointer for a person: the file has already been parsed by TOMLKit, and when a
/// key is written in a form this does not follow (an inline table, a quoted or dotted key), there is no line.
struct KeyLineFinder {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `[table]` (e.g. `profiles.prod`), or of the first `key =` inside it.
    func line(of key: String?, inTable table: String?) -> Int? {
        var inside = table == nil
        for (index, raw) in lines.enumerated() {
            let text = raw.drop(while: { $0 == " " || $0 == "\t" })
            if text.hasPrefix("[") {
                let header = text.dropFirst().prefix(while: { $0 != "]" }).filter { $0 != " " }
                inside = table.map { header == $0 } ?? false
                if inside, key == nil { return index + 1 }
                continue
            }
            guard inside, let key, text.hasPrefix(key) else { continue }
            let rest = text.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix("=") { return index + 1 }
        }
        return nil
    }
}
