import Engine
import Foundation

/// Builds SVG text by hand (no packages): elements with escaped attributes and text, numbers with
/// two decimals so equal charts are byte-identical.
struct SVGWriter {
    private(set) var body = ""

    /// Appends `<name a="v" …/>`, or `<name …>text</name>` when `text` is given.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        element(name, attributes.map { ($0.key, $0.value) }, text: text)
    }

    /// An element whose attributes are built at run time, written in the array's order.
    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<" + name
        for (key, value) in attributes { body += " \(key)=\"\(Self.escape(value))\"" }
        if let text { body += ">" + Self.escape(text) + "</\(name)>\n" } else { body += "/>\n" }
    }

    /// Opens a group, e.g. `<g transform="translate(0,360)">`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        body += "<" + name
        for (key, value) in attributes { body += " \(key)=\"\(Self.escape(value))\"" }
        body += ">\n"
    }

    /// Closes an element opened with ``open(_:_:)``.
    mutating func close(_ name: String) { body += "</\(name)>\n" }

    /// The complete document.
    func document(width: Double, height: Double) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n"
    }

    /// A coordinate with at most two decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return JSONText.number(rounded == 0 ? 0 : rounded)
    }

    /// XML escapes for attribute values and text.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
