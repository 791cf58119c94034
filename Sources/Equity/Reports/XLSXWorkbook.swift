#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An Excel workbook written by libxlsxwriter (John McNamara's maintained C library, Debian's
/// `libxlsxwriter4`), loaded on first use with `dlopen` so that Equity builds and runs without it:
/// only `equity report` with xlsx output needs the library.
///
/// A thin wrapper: sheets, formats (bold, fill and font colours, number format, borders,
/// alignment, wrapping), strings and numbers in cells, column widths, frozen panes, an
/// autofilter, and A4 landscape printing with repeated header rows.
public final class XLSXWorkbook {
    typealias Workbook = OpaquePointer
    typealias Sheet = OpaquePointer
    typealias Format = OpaquePointer

    struct API {
        let workbookNew: @convention(c) (UnsafePointer<CChar>) -> Workbook?
        let addWorksheet: @convention(c) (Workbook, UnsafePointer<CChar>?) -> Sheet?
        let addFormat: @convention(c) (Workbook) -> Format?
        let close: @convention(c) (Workbook) -> Int32
        let writeString: @convention(c) (Sheet, UInt32, UInt16, UnsafePointer<CChar>, Format?) -> Int32
        let writeNumber: @convention(c) (Sheet, UInt32, UInt16, Double, Format?) -> Int32
        let setColumn: @convention(c) (Sheet, UInt16, UInt16, Double, Format?) -> Int32
        let setRow: @convention(c) (Sheet, UInt32, Double, Format?) -> Int32
        let freezePanes: @convention(c) (Sheet, UInt32, UInt16) -> Void
        let autofilter: @convention(c) (Sheet, UInt32, UInt16, UInt32, UInt16) -> Int32
        let mergeRange: @convention(c) (Sheet, UInt32, UInt16, UInt32, UInt16, UnsafePointer<CChar>, Format?) -> Int32
        let setLandscape: @convention(c) (Sheet) -> Void
        let setPaper: @convention(c) (Sheet, UInt8) -> Void
        let repeatRows: @convention(c) (Sheet, UInt32, UInt32) -> Int32
        let fitToPages: @convention(c) (Sheet, UInt16, UInt16) -> Void
        let setBold: @convention(c) (Format) -> Void
        let setBackground: @convention(c) (Format, UInt32) -> Void
        let setFontColour: @convention(c) (Format, UInt32) -> Void
        let setNumberFormat: @convention(c) (Format, UnsafePointer<CChar>) -> Void
        let setWrap: @convention(c) (Format) -> Void
        let setBorder: @convention(c) (Format, UInt8) -> Void
        let setBorderColour: @convention(c) (Format, UInt32) -> Void
        let setAlign: @convention(c) (Format, UInt8) -> Void
        let setFontSize: @convention(c) (Format, Double) -> Void
    }

    nonisolated(unsafe) static var loaded: API?? = nil
    static let lock = PThreadMutex()

    static func load() -> API? { lock.withLock { loadLocked() } }

    static func loadLocked() -> API? {
        if let loaded { return loaded }
        guard let library = DynamicLibrary(["libxlsxwriter.so", "libxlsxwriter.so.4", "libxlsxwriter.so.5", "libxlsxwriter.so.6", "libxlsxwriter.dylib"])
        else { loaded = .some(nil); return nil }
        func symbol<T>(_ name: String, _ type: T.Type) -> T? { library.symbol(name, type) }
        guard let workbookNew = symbol("workbook_new", (@convention(c) (UnsafePointer<CChar>) -> Workbook?).self),
              let addWorksheet = symbol("workbook_add_worksheet", (@convention(c) (Workbook, UnsafePointer<CChar>?) -> Sheet?).self),
              let addFormat = symbol("workbook_add_format", (@convention(c) (Workbook) -> Format?).self),
              let close = symbol("workbook_close", (@convention(c) (Workbook) -> Int32).self),
              let writeString = symbol("worksheet_write_string", (@convention(c) (Sheet, UInt32, UInt16, UnsafePointer<CChar>, Format?) -> Int32).self),
              let writeNumber = symbol("worksheet_write_number", (@convention(c) (Sheet, UInt32, UInt16, Double, Format?) -> Int32).self),
              let setColumn = symbol("worksheet_set_column", (@convention(c) (Sheet, UInt16, UInt16, Double, Format?) -> Int32).self),
              let setRow = symbol("worksheet_set_row", (@convention(c) (Sheet, UInt32, Double, Format?) -> Int32).self),
              let freezePanes = symbol("worksheet_freeze_panes", (@convention(c) (Sheet, UInt32, UInt16) -> Void).self),
              let autofilter = symbol("worksheet_autofilter", (@convention(c) (Sheet, UInt32, UInt16, UInt32, UInt16) -> Int32).self),
              let mergeRange = symbol("worksheet_merge_range", (@convention(c) (Sheet, UInt32, UInt16, UInt32, UInt16, UnsafePointer<CChar>, Format?) -> Int32).self),
              let setLandscape = symbol("worksheet_set_landscape", (@convention(c) (Sheet) -> Void).self),
              let setPaper = symbol("worksheet_set_paper", (@convention(c) (Sheet, UInt8) -> Void).self),
              let repeatRows = symbol("worksheet_repeat_rows", (@convention(c) (Sheet, UInt32, UInt32) -> Int32).self),
              let fitToPages = symbol("worksheet_fit_to_pages", (@convention(c) (Sheet, UInt16, UInt16) -> Void).self),
              let setBold = symbol("format_set_bold", (@convention(c) (Format) -> Void).self),
              let setBackground = symbol("format_set_bg_color", (@convention(c) (Format, UInt32) -> Void).self),
              let setFontColour = symbol("format_set_font_color", (@convention(c) (Format, UInt32) -> Void).self),
              let setNumberFormat = symbol("format_set_num_format", (@convention(c) (Format, UnsafePointer<CChar>) -> Void).self),
              let setWrap = symbol("format_set_text_wrap", (@convention(c) (Format) -> Void).self),
              let setBorder = symbol("format_set_border", (@convention(c) (Format, UInt8) -> Void).self),
              let setBorderColour = symbol("format_set_border_color", (@convention(c) (Format, UInt32) -> Void).self),
              let setAlign = symbol("format_set_align", (@convention(c) (Format, UInt8) -> Void).self),
              let setFontSize = symbol("format_set_font_size", (@convention(c) (Format, Double) -> Void).self)
        else { loaded = .some(nil); return nil }
        let api = API(workbookNew: workbookNew, addWorksheet: addWorksheet, addFormat: addFormat, close: close, writeString: writeString,
                      writeNumber: writeNumber, setColumn: setColumn, setRow: setRow, freezePanes: freezePanes, autofilter: autofilter,
                      mergeRange: mergeRange, setLandscape: setLandscape, setPaper: setPaper, repeatRows: repeatRows, fitToPages: fitToPages,
                      setBold: setBold, setBackground: setBackground, setFontColour: setFontColour, setNumberFormat: setNumberFormat,
                      setWrap: setWrap, setBorder: setBorder, setBorderColour: setBorderColour, setAlign: setAlign, setFontSize: setFontSize)
        loaded = .some(api)
        return api
    }

    /// Whether libxlsxwriter can be loaded on this machine.
    public static var isAvailable: Bool { load() != nil }

    /// How a cell looks.
    public struct Style: Hashable, Sendable {
        /// Bold text.
        public var bold = false
        /// Fill colour `0xRRGGBB` (nil: none).
        public var fill: UInt32?
        /// Text colour `0xRRGGBB` (nil: black).
        public var font: UInt32?
        /// Excel number format ("0.0", "#,##0").
        public var numberFormat: String?
        /// Wrap long text.
        public var wrap = false
        /// A thin grey border.
        public var border = true
        /// 1 left, 2 centre, 3 right (0: Excel's default).
        public var align: UInt8 = 0
        /// Font size in points (nil: 11).
        public var size: Double?
        /// A plain bordered cell.
        public init() {}
    }

    let api: API
    let workbook: Workbook
    let path: String
    var formats: [Style: Format] = [:]
    var closed = false

    /// A new workbook at `path` (written by `close()`).
    public init(path: String) throws {
        guard let api = Self.load() else {
            throw EquityError.io(file: path, reason: "libxlsxwriter is not installed (apt-get install libxlsxwriter4)")
        }
        guard let wb = api.workbookNew(path) else { throw EquityError.io(file: path, reason: "libxlsxwriter could not create the workbook") }
        self.api = api
        self.workbook = wb
        self.path = path
    }

    deinit { if !closed { _ = api.close(workbook) } }

    /// One worksheet.
    public final class Worksheet {
        let book: XLSXWorkbook
        let sheet: Sheet
        init(book: XLSXWorkbook, sheet: Sheet) { self.book = book; self.sheet = sheet }

        /// Writes text (an empty text leaves the cell blank but styled).
        public func write(_ row: Int, _ col: Int, _ text: String, _ style: Style = Style()) {
            let f = book.format(style)
            _ = book.api.writeString(sheet, UInt32(row), UInt16(col), text, f)
        }

        /// Writes a number (NaN and ±∞ leave the cell blank but styled).
        public func write(_ row: Int, _ col: Int, _ number: Double, _ style: Style = Style()) {
            let f = book.format(style)
            if number.isFinite { _ = book.api.writeNumber(sheet, UInt32(row), UInt16(col), number, f) }
            else { _ = book.api.writeString(sheet, UInt32(row), UInt16(col), "", f) }
        }

        /// Merges a range of cells holding one text.
        public func merge(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int, _ text: String, _ style: Style = Style()) {
            _ = book.api.mergeRange(sheet, UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol), text, book.format(style))
        }

        /// Sets the width of columns `first...last` (in characters).
        public func setColumns(_ first: Int, _ last: Int, width: Double) { _ = book.api.setColumn(sheet, UInt16(first), UInt16(last), width, nil) }
        /// Sets a row's height (points).
        public func setRow(_ row: Int, height: Double) { _ = book.api.setRow(sheet, UInt32(row), height, nil) }
        /// Freezes the rows above `row` and the columns left of `col`.
        public func freeze(row: Int, col: Int) { book.api.freezePanes(sheet, UInt32(row), UInt16(col)) }
        /// An autofilter over a range.
        public func autofilter(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int) {
            _ = book.api.autofilter(sheet, UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol))
        }
        /// Prints on A4 landscape, one page wide, repeating rows `first...last` on every page.
        public func printA4Landscape(repeatRows first: Int, _ last: Int) {
            book.api.setLandscape(sheet)
            book.api.setPaper(sheet, 9)
            _ = book.api.repeatRows(sheet, UInt32(first), UInt32(last))
            book.api.fitToPages(sheet, 1, 0)
        }
    }

    /// Adds a worksheet (names up to 31 characters, as Excel requires).
    public func addSheet(_ name: String) throws -> Worksheet {
        guard let sheet = api.addWorksheet(workbook, String(name.prefix(31))) else {
            throw EquityError.io(file: path, reason: "libxlsxwriter refused the sheet name \(MessageText.quoted(name))")
        }
        return Worksheet(book: self, sheet: sheet)
    }

    func format(_ style: Style) -> Format? {
        if let f = formats[style] { return f }
        guard let f = api.addFormat(workbook) else { return nil }
        if style.bold { api.setBold(f) }
        if let fill = style.fill { api.setBackground(f, fill) }
        if let font = style.font { api.setFontColour(f, font) }
        if let nf = style.numberFormat { api.setNumberFormat(f, nf) }
        if style.wrap { api.setWrap(f) }
        if style.border { api.setBorder(f, 1); api.setBorderColour(f, 0xB1B4B6) }
        if style.align != 0 { api.setAlign(f, style.align) }
        api.setAlign(f, 10) // vertically centred
        if let size = style.size { api.setFontSize(f, size) }
        formats[style] = f
        return f
    }

    /// Writes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        let status = api.close(workbook)
        if status != 0 { throw EquityError.io(file: path, reason: "libxlsxwriter could not write the workbook (error \(status))") }
    }

    /// `#rrggbb` as `0xRRGGBB`.
    public static func colour(_ hex: String) -> UInt32 {
        UInt32(hex.hasPrefix("#") ? String(hex.dropFirst()) : hex, radix: 16) ?? 0
    }
}
