/// A text written one Unicode scalar at a time into a buffer of UTF-8, made into a `String` once at the end: far
/// cheaper than appending to a `String.UnicodeScalarView`, which checks the string's storage on every append.
struct ScalarWriter {
    private var bytes: [UInt8] = []

    /// Whether nothing has been written since the start or the last `take`.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends one scalar.
    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    /// Appends every scalar of `scalars`.
    mutating func append(contentsOf scalars: ArraySlice<Unicode.Scalar>) {
        for scalar in scalars { append(scalar) }
    }

    /// The text written so far, leaving the writer empty (its buffer kept for the next text).
    mutating func take() -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        bytes.removeAll(keepingCapacity: true)
        return text
    }
}
