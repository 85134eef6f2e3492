import ChanstatCore
import Testing
@testable import ChanstatDashboard

@Suite struct TableLayoutTests {
    /// Number widths as in the fixture: titles are wider than the numbers.
    private func fit(_ width: Int, label: Int = 8) -> TableLayout? {
        TableLayout.fit(width: width, needs: .init(label: label, number: { $0.title().count }))
    }

    private func keys(_ layout: TableLayout?) -> [ReportColumn] {
        layout?.numbers.map(\.column) ?? []
    }

    @Test func wideTerminalsShowEverythingWithTheBarCapped() {
        let layout = fit(300)!
        #expect(keys(layout) == [.open, .pending, .snoozed, .resolved, .total])
        #expect(layout.labelWidth == 8)
        #expect(layout.barWidth == TableLayout.maximumBarWidth)
    }

    @Test func theBarShrinksFirst() {
        // label 8 + " Open Pending Snoozed Resolved Total" (36) + " " = 45, so a bar of 35 at 80 columns.
        #expect(fit(80)?.barWidth == 35)
        #expect(fit(50)?.barWidth == 5)
        #expect(fit(49)?.barWidth == 4)
        #expect(keys(fit(49)).count == 5)
    }

    @Test func thenTheLabelShrinks() {
        #expect(fit(48)?.labelWidth == 7)
        #expect(fit(47)?.labelWidth == 6)
        #expect(keys(fit(47)).count == 5)
    }

    /// Issue 14 item 16: the bar goes before any count column does (the counts say what it draws), then the
    /// columns go least important first.
    @Test func thenTheBarGoesThenColumnsLeastImportantFirst() {
        #expect(fit(46)?.barWidth == 0)                                                // the bar goes
        #expect(keys(fit(46)).count == 5)
        #expect(fit(46)?.labelWidth == 8)  // and the label gets its room back
        #expect(fit(42)?.labelWidth == 6)
        #expect(keys(fit(42)).count == 5)
        #expect(keys(fit(41)) == [.open, .pending, .resolved, .total])                 // then snoozed
        #expect(keys(fit(33)) == [.open, .resolved, .total])                           // then pending
        #expect(keys(fit(25)) == [.open, .total])                                      // then resolved
        #expect(keys(fit(16)) == [.total])                                             // then open
        #expect(fit(16)?.barWidth == 0)
        #expect(fit(11) == nil)                                                        // label + total no longer fit
    }

    @Test func everyLayoutFitsItsWidth() {
        for width in 0...400 {
            guard let layout = fit(width, label: 30) else {
                #expect(width < 12)
                continue
            }
            #expect(layout.totalWidth <= width, "width \(width)")
            #expect(layout.barWidth == 0 || layout.barWidth >= TableLayout.minimumBarWidth)
        }
    }
}
