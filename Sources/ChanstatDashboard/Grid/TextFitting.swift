import ChanstatCore

extension String {
    /// The text cut to at most `width` columns; when cut, the last column shows `ellipsis` (the glyph set's).
    func fitted(toWidth width: Int, ellipsis: Character) -> String {
        DisplayWidth.truncate(self, to: width, ellipsis: ellipsis)
    }
}
