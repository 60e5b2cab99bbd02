import Testing

@testable import ReportWriters

struct UTCTimestampTests {
    @Test(
        "Normalizes RFC 3339 date-times to UTC seconds",
        arguments: [
            ("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z"),
            ("2024-05-01T12:00:00.999999Z", "2024-05-01T12:00:00Z"),
            ("2024-05-01t12:00:00z", "2024-05-01T12:00:00Z"),
            ("2024-05-01 12:00:00+00:00", "2024-05-01T12:00:00Z"),
            ("2024-05-01T14:30:00.250+02:00", "2024-05-01T12:30:00Z"),
            ("2024-01-01T01:00:00+05:30", "2023-12-31T19:30:00Z"),
            ("2024-02-28T23:30:00-01:00", "2024-02-29T00:30:00Z"),
            ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ])
    func normalizes(input: String, expected: String) throws {
        #expect(try UTCTimestamp.parse(input).description == expected)
    }

    @Test(
        "Rejects what is not an RFC 3339 date-time",
        arguments: [
            "", "2024-05-01", "2024-05-01T12:00:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
            "2024-05-01T24:00:00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+0200",
            "2024-05-01T12:00:00Z trailing",
            "May 1, 2024",
        ])
    func rejects(input: String) {
        #expect(throws: ReportWriterError.invalidTimestamp(input)) { try UTCTimestamp.parse(input) }
    }
}
