import ChanstatCore

extension String {
    /// The text cut to at most `width` columns; when cut, the last column shows `ellipsis`.
    func fitted(toWidth width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(self) > width else { return self }
        var out = "", used = 0
        for character in self {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        out.append(ellipsis)
        return out
    }
}
