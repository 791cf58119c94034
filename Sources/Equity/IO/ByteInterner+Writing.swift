extension ByteInterner {
    /// Appends the text of an id as a CSV field.
    package func appendField(_ id: Int32, to out: ByteWriter) {
        withBytes(id) { out.field(bytes: $0) }
    }
}
