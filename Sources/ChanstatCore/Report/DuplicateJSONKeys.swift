import Foundation

/// Finds a key that appears twice in one JSON object. JSON allows it, but Foundation's two readers disagree
/// on what it means (`JSONDecoder` keeps the first value, `JSONSerialization` the last), so a body with two
/// counts for one channel type has no single meaning and the report refuses it rather than pick one.
enum DuplicateJSONKeys {
    private struct Frame {
        let isObject: Bool
        var keys: Set<String> = []
        var nextStringIsKey = false
    }

    /// The first repeated key, unescaped; nil when there is none. Meant for bodies that already parsed as
    /// JSON: it only tracks brackets, commas, colons and strings. Iterative, so nesting depth costs no stack.
    static func first(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var stack: [Frame] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): stack.append(Frame(isObject: true, nextStringIsKey: true))
            case UInt8(ascii: "["): stack.append(Frame(isObject: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","): if stack.last?.isObject == true { stack[stack.count - 1].nextStringIsKey = true }
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if let top = stack.last, top.isObject, top.nextStringIsKey {
                    let key = unescaped(bytes[start...min(index, bytes.count - 1)])
                    stack[stack.count - 1].nextStringIsKey = false
                    if !stack[stack.count - 1].keys.insert(key).inserted { return key }
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// `"a"` and `"\u0061"` are the same key.
    private static func unescaped(_ literal: ArraySlice<UInt8>) -> String {
        guard literal.contains(UInt8(ascii: "\\")) else { return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: Data(literal))) ?? String(decoding: literal, as: UTF8.self)
    }
}
