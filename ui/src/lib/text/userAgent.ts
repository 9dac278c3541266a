// A readable client name for a User-Agent string: "curl 8.5",
// "Python requests 2.31", "Chrome 126". The full string goes in a tooltip.

type Rule = readonly [RegExp, string, Version];

/** How much of the version to keep: none, the major, or major.minor. */
type Version = 0 | 1 | 2;

// Tools and libraries first: their strings are short and anchored. Browsers
// after, in the order that disambiguates them (Edge and Opera also say
// "Chrome", Chrome also says "Safari").
const RULES: readonly Rule[] = [
  [/^curl\/(\d+)(?:\.(\d+))?/i, "curl", 2],
  [/^Wget\/(\d+)(?:\.(\d+))?/i, "Wget", 2],
  [/^HTTPie\/(\d+)(?:\.(\d+))?/i, "HTTPie", 2],
  [/^python-requests\/(\d+)(?:\.(\d+))?/i, "Python requests", 2],
  [/^python-httpx\/(\d+)(?:\.(\d+))?/i, "Python httpx", 2],
  [/\baiohttp\/(\d+)(?:\.(\d+))?/i, "Python aiohttp", 2],
  [/^python-urllib3\/(\d+)(?:\.(\d+))?/i, "Python urllib3", 2],
  [/^Python-urllib\/(\d+)(?:\.(\d+))?/i, "Python urllib", 2],
  [/^Boto3\/(\d+)(?:\.(\d+))?/i, "Python boto3", 2],
  [/^Go-http-client\//i, "Go HTTP client", 0],
  [/^node-fetch\b/i, "Node fetch", 0],
  [/^(?:node|undici)$/i, "Node fetch", 0],
  [/^axios\/(\d+)(?:\.(\d+))?/i, "axios", 2],
  [/^got\b/i, "Node got", 0],
  [/^PostmanRuntime\/(\d+)(?:\.(\d+))?/i, "Postman", 2],
  [/^insomnia\/(\d+)(?:\.(\d+))?/i, "Insomnia", 2],
  [/^okhttp\/(\d+)(?:\.(\d+))?/i, "OkHttp", 2],
  [/^Apache-HttpClient\/(\d+)(?:\.(\d+))?/i, "Apache HttpClient", 2],
  [/^Java-http-client\/(\d+)/i, "Java HTTP client", 1],
  [/^Java\/(\d+)/, "Java", 1],
  [/^Faraday v(\d+)(?:\.(\d+))?/i, "Ruby Faraday", 2],
  [/^Ruby\b/, "Ruby", 0],
  [/^GuzzleHttp\/(\d+)(?:\.(\d+))?/i, "PHP Guzzle", 2],
  [/^Dart\/(\d+)(?:\.(\d+))?/, "Dart", 2],
  [/^reqwest\/(\d+)(?:\.(\d+))?/i, "Rust reqwest", 2],
  [/^Terraform\/(\d+)(?:\.(\d+))?/i, "Terraform", 2],
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge", 1],
  [/\bOPR\/(\d+)/, "Opera", 1],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet", 1],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox", 1],
  [/\bHeadlessChrome\/(\d+)/, "Headless Chrome", 1],
  [/\b(?:Chrome|CriOS)\/(\d+)/, "Chrome", 1],
  [/\bVersion\/(\d+)(?:\.(\d+))?.*\bSafari\//, "Safari", 2],
];

const MAX_FALLBACK = 40;

function withVersion(name: string, m: RegExpExecArray, keep: Version): string {
  if (keep === 0 || m[1] === undefined) return name;
  if (keep === 1 || m[2] === undefined) return `${name} ${m[1]}`;
  return `${name} ${m[1]}.${m[2]}`;
}

/** The client's readable name; null for an empty string. */
export function clientName(userAgent: string | null): string | null {
  if (userAgent === null) return null;
  const ua = userAgent.trim();
  if (ua === "") return null;
  for (const [pattern, name, keep] of RULES) {
    const m = pattern.exec(ua);
    if (m) return withVersion(name, m, keep);
  }
  // Unknown: the first "Product/1.2.3" token, else the string itself, kept short.
  const product = /^([A-Za-z][\w.-]*)\/v?(\d+)(?:\.(\d+))?/.exec(ua);
  if (product && product[1] !== "Mozilla") {
    return product[3] === undefined ? `${product[1]} ${product[2]}` : `${product[1]} ${product[2]}.${product[3]}`;
  }
  return ua.length > MAX_FALLBACK ? `${ua.slice(0, MAX_FALLBACK - 1)}…` : ua;
}
