//! A readable client name for a User-Agent string ("curl 8.5", "Chrome 126"),
//! by the same rules as the UI's `clientName` (ui/src/lib/text/userAgent.ts):
//! the key list searches and sorts by it.

use std::sync::LazyLock;

use regex::Regex;

/// How much of the version to keep: none, the major, or major.minor.
#[derive(Clone, Copy)]
enum Version {
    None,
    Major,
    Minor,
}

// Tools and libraries first, browsers after, in the order that disambiguates
// them (Edge and Opera also say "Chrome", Chrome also says "Safari"). Digits and
// word boundaries are ASCII, as in JavaScript.
const RULES: &[(&str, &str, Version)] = &[
    (r"(?i)^curl/([0-9]+)(?:\.([0-9]+))?", "curl", Version::Minor),
    (r"(?i)^Wget/([0-9]+)(?:\.([0-9]+))?", "Wget", Version::Minor),
    (
        r"(?i)^HTTPie/([0-9]+)(?:\.([0-9]+))?",
        "HTTPie",
        Version::Minor,
    ),
    (
        r"(?i)^python-requests/([0-9]+)(?:\.([0-9]+))?",
        "Python requests",
        Version::Minor,
    ),
    (
        r"(?i)^python-httpx/([0-9]+)(?:\.([0-9]+))?",
        "Python httpx",
        Version::Minor,
    ),
    (
        r"(?i)(?-u:\b)aiohttp/([0-9]+)(?:\.([0-9]+))?",
        "Python aiohttp",
        Version::Minor,
    ),
    (
        r"(?i)^python-urllib3/([0-9]+)(?:\.([0-9]+))?",
        "Python urllib3",
        Version::Minor,
    ),
    (
        r"(?i)^Python-urllib/([0-9]+)(?:\.([0-9]+))?",
        "Python urllib",
        Version::Minor,
    ),
    (
        r"(?i)^Boto3/([0-9]+)(?:\.([0-9]+))?",
        "Python boto3",
        Version::Minor,
    ),
    (r"(?i)^Go-http-client/", "Go HTTP client", Version::None),
    (r"(?i)^node-fetch(?-u:\b)", "Node fetch", Version::None),
    (r"(?i)^(?:node|undici)$", "Node fetch", Version::None),
    (
        r"(?i)^axios/([0-9]+)(?:\.([0-9]+))?",
        "axios",
        Version::Minor,
    ),
    (r"(?i)^got(?-u:\b)", "Node got", Version::None),
    (
        r"(?i)^PostmanRuntime/([0-9]+)(?:\.([0-9]+))?",
        "Postman",
        Version::Minor,
    ),
    (
        r"(?i)^insomnia/([0-9]+)(?:\.([0-9]+))?",
        "Insomnia",
        Version::Minor,
    ),
    (
        r"(?i)^okhttp/([0-9]+)(?:\.([0-9]+))?",
        "OkHttp",
        Version::Minor,
    ),
    (
        r"(?i)^Apache-HttpClient/([0-9]+)(?:\.([0-9]+))?",
        "Apache HttpClient",
        Version::Minor,
    ),
    (
        r"(?i)^Java-http-client/([0-9]+)",
        "Java HTTP client",
        Version::Major,
    ),
    (r"^Java/([0-9]+)", "Java", Version::Major),
    (
        r"(?i)^Faraday v([0-9]+)(?:\.([0-9]+))?",
        "Ruby Faraday",
        Version::Minor,
    ),
    (r"^Ruby(?-u:\b)", "Ruby", Version::None),
    (
        r"(?i)^GuzzleHttp/([0-9]+)(?:\.([0-9]+))?",
        "PHP Guzzle",
        Version::Minor,
    ),
    (r"^Dart/([0-9]+)(?:\.([0-9]+))?", "Dart", Version::Minor),
    (
        r"(?i)^reqwest/([0-9]+)(?:\.([0-9]+))?",
        "Rust reqwest",
        Version::Minor,
    ),
    (
        r"(?i)^Terraform/([0-9]+)(?:\.([0-9]+))?",
        "Terraform",
        Version::Minor,
    ),
    (r"(?-u:\b)Edg(?:e|A|iOS)?/([0-9]+)", "Edge", Version::Major),
    (r"(?-u:\b)OPR/([0-9]+)", "Opera", Version::Major),
    (
        r"(?-u:\b)SamsungBrowser/([0-9]+)",
        "Samsung Internet",
        Version::Major,
    ),
    (
        r"(?-u:\b)(?:Firefox|FxiOS)/([0-9]+)",
        "Firefox",
        Version::Major,
    ),
    (
        r"(?-u:\b)HeadlessChrome/([0-9]+)",
        "Headless Chrome",
        Version::Major,
    ),
    (
        r"(?-u:\b)(?:Chrome|CriOS)/([0-9]+)",
        "Chrome",
        Version::Major,
    ),
    (
        r"(?-u:\b)Version/([0-9]+)(?:\.([0-9]+))?.*(?-u:\b)Safari/",
        "Safari",
        Version::Minor,
    ),
];

const MAX_FALLBACK: usize = 40;

static COMPILED: LazyLock<Vec<(Regex, &'static str, Version)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|&(pattern, name, keep)| (Regex::new(pattern).expect("a valid rule"), name, keep))
        .collect()
});

static PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z][A-Za-z0-9_.-]*)/v?([0-9]+)(?:\.([0-9]+))?").expect("a valid rule")
});

/// The client's readable name; `None` for an empty User-Agent.
pub fn client_name(user_agent: &str) -> Option<String> {
    let ua = user_agent.trim();
    if ua.is_empty() {
        return None;
    }
    for (pattern, name, keep) in COMPILED.iter() {
        if let Some(m) = pattern.captures(ua) {
            let major = m.get(1).map(|v| v.as_str());
            let minor = m.get(2).map(|v| v.as_str());
            return Some(match (keep, major, minor) {
                (Version::None, _, _) | (_, None, _) => name.to_string(),
                (Version::Major, Some(major), _) | (Version::Minor, Some(major), None) => {
                    format!("{name} {major}")
                }
                (Version::Minor, Some(major), Some(minor)) => format!("{name} {major}.{minor}"),
            });
        }
    }
    // Unknown: the first "Product/1.2.3" token, else the string itself, kept short.
    if let Some(m) = PRODUCT.captures(ua) {
        if &m[1] != "Mozilla" {
            return Some(match m.get(3) {
                None => format!("{} {}", &m[1], &m[2]),
                Some(minor) => format!("{} {}.{}", &m[1], &m[2], minor.as_str()),
            });
        }
    }
    Some(shortened(ua))
}

/// As JavaScript's `slice` on UTF-16 units would cut it, counted here in UTF-16 too.
fn shortened(ua: &str) -> String {
    if ua.encode_utf16().count() <= MAX_FALLBACK {
        return ua.to_string();
    }
    let units: Vec<u16> = ua.encode_utf16().take(MAX_FALLBACK - 1).collect();
    format!("{}…", String::from_utf16_lossy(&units))
}

#[cfg(test)]
mod tests {
    use super::client_name;

    #[test]
    fn tools_keep_major_and_minor() {
        assert_eq!(client_name("curl/8.5.0").as_deref(), Some("curl 8.5"));
        assert_eq!(
            client_name("python-requests/2.31.0").as_deref(),
            Some("Python requests 2.31")
        );
        assert_eq!(
            client_name("Go-http-client/2.0").as_deref(),
            Some("Go HTTP client")
        );
        assert_eq!(client_name("Java/17.0.2").as_deref(), Some("Java 17"));
    }

    #[test]
    fn browsers_are_told_apart_in_order() {
        let edge =
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0";
        assert_eq!(client_name(edge).as_deref(), Some("Edge 126"));
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0.0 Safari/537.36";
        assert_eq!(client_name(chrome).as_deref(), Some("Chrome 126"));
        let safari = "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15";
        assert_eq!(client_name(safari).as_deref(), Some("Safari 17.4"));
    }

    #[test]
    fn unknown_clients_fall_back_to_their_product_or_the_string() {
        assert_eq!(
            client_name("acme-sync/3.2.1").as_deref(),
            Some("acme-sync 3.2")
        );
        assert_eq!(client_name("acme/v7").as_deref(), Some("acme 7"));
        assert_eq!(client_name("   ").as_deref(), None);
        let long = "x".repeat(60);
        let short = client_name(&long).unwrap();
        assert_eq!(short.chars().count(), 40);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn word_boundaries_are_ascii() {
        // "é" is not an ASCII word character, so the boundary before "aiohttp" holds.
        assert_eq!(
            client_name("éaiohttp/3.9").as_deref(),
            Some("Python aiohttp 3.9")
        );
        assert_eq!(client_name("xaiohttp/3.9").as_deref(), Some("xaiohttp 3.9"));
    }
}
