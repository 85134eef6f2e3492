/// The styles widgets use, derived once from whether the display has colour. Without colour, emphasis
/// is bold and reverse only, and every colour is dropped here rather than in each widget.
struct Styles {
    let colored: Bool

    func color(_ color: SemanticColor, bold: Bool = false) -> CellStyle {
        colored ? CellStyle(foreground: color, bold: bold) : CellStyle(bold: bold)
    }

    var title: CellStyle { color(.accent, bold: true) }
    var muted: CellStyle { color(.muted) }
    var warning: CellStyle { color(.pending, bold: true) }
    var error: CellStyle { color(.error, bold: true) }
    /// The stale-data banner: reverse so it is seen even without colour.
    var banner: CellStyle { colored ? CellStyle(foreground: .error, bold: true, reverse: true) : CellStyle(bold: true, reverse: true) }
    var key: CellStyle { color(.accent, bold: true) }
}
