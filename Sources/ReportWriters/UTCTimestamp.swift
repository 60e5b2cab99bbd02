/// A moment to the second in UTC, read from RFC 3339 text and written as `YYYY-MM-DDThh:mm:ssZ`.
///
/// SPDX 2.3 (§6.9) requires exactly that form for `created`; CycloneDX accepts any JSON-Schema `date-time`. Both
/// writers use this one form so that the same report gives the same text in each.
struct UTCTimestamp: Equatable, Sendable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` (RFC 3339 §5.6), converting an offset to UTC and dropping
    /// the fraction; returns `nil` for anything else.
    init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(at index: Int, in allowed: String) -> Bool {
            index < bytes.count && allowed.utf8.contains(bytes[index])
        }
        guard let year = number(0..<4), byte(at: 4, in: "-"), let month = number(5..<7), byte(at: 7, in: "-"),
            let day = number(8..<10), byte(at: 10, in: "Tt "), let hour = number(11..<13), byte(at: 13, in: ":"),
            let minute = number(14..<16), byte(at: 16, in: ":"), let second = number(17..<19)
        else { return nil }
        var index = 19
        if byte(at: index, in: ".") {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
        }
        var offsetMinutes = 0
        if byte(at: index, in: "Zz") {
            index += 1
        } else if byte(at: index, in: "+-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let offsetHours = number(index + 1..<index + 3), byte(at: index + 3, in: ":"),
                let offsetRest = number(index + 4..<index + 6), offsetHours < 24, offsetRest < 60
            else { return nil }
            offsetMinutes = sign * (offsetHours * 60 + offsetRest)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        // A leap second has no UTC form in most tools; fold it into the last regular second.
        let seconds =
            Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60
            + min(second, 59) - offsetMinutes * 60
        self.init(secondsSinceEpoch: seconds)
    }

    init(secondsSinceEpoch seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let remainder = seconds - days * 86_400
        (year, month, day) = Self.civil(fromDays: days)
        hour = remainder / 3_600
        minute = remainder % 3_600 / 60
        second = remainder % 60
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    var secondsSinceEpoch: Int {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// Parses `text` or throws the error every writer reports for a bad `createdAt`.
    static func parse(_ text: String) throws(ReportWriterError) -> UTCTimestamp {
        guard let timestamp = UTCTimestamp(rfc3339: text) else { throw .invalidTimestamp(text) }
        return timestamp
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysFromCivil(year:month:day:)`` (Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
