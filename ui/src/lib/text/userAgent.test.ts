import { describe, expect, it } from "vitest";
import { clientName } from "./userAgent";

// Real User-Agent strings as clients send them.
const TABLE: Array<[string, string]> = [
  ["curl/8.5.0", "curl 8.5"],
  ["curl/7.81.0", "curl 7.81"],
  ["Wget/1.21.4", "Wget 1.21"],
  ["HTTPie/3.2.2", "HTTPie 3.2"],
  ["python-requests/2.31.0", "Python requests 2.31"],
  ["python-httpx/0.27.0", "Python httpx 0.27"],
  ["Python/3.11 aiohttp/3.9.5", "Python aiohttp 3.9"],
  ["Python-urllib/3.12", "Python urllib 3.12"],
  ["python-urllib3/2.2.1", "Python urllib3 2.2"],
  ["Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#6.5.0 lang/python#3.12.2", "Python boto3 1.34"],
  ["Go-http-client/1.1", "Go HTTP client"],
  ["Go-http-client/2.0", "Go HTTP client"],
  ["node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "Node fetch"],
  ["node-fetch", "Node fetch"],
  ["node", "Node fetch"],
  ["undici", "Node fetch"],
  ["axios/1.6.8", "axios 1.6"],
  ["got (https://github.com/sindresorhus/got)", "Node got"],
  ["PostmanRuntime/7.39.0", "Postman 7.39"],
  ["insomnia/8.6.1", "Insomnia 8.6"],
  ["okhttp/4.12.0", "OkHttp 4.12"],
  ["Apache-HttpClient/4.5.14 (Java/17.0.10)", "Apache HttpClient 4.5"],
  ["Java-http-client/17.0.10", "Java HTTP client 17"],
  ["Java/1.8.0_402", "Java 1"],
  ["Faraday v2.9.0", "Ruby Faraday 2.9"],
  ["Ruby", "Ruby"],
  ["GuzzleHttp/7", "PHP Guzzle 7"],
  ["Dart/3.3 (dart:io)", "Dart 3.3"],
  ["reqwest/0.12.4", "Rust reqwest 0.12"],
  ["Terraform/1.8.2 (+https://www.terraform.io)", "Terraform 1.8"],
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Chrome 126",
  ],
  [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
    "Chrome 125",
  ],
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
    "Chrome 126",
  ],
  [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36",
    "Headless Chrome 124",
  ],
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68",
    "Edge 126",
  ],
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
    "Opera 111",
  ],
  ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox 127"],
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15",
    "Firefox 127",
  ],
  [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Safari 17.5",
  ],
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Safari 17.5",
  ],
  [
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
    "Samsung Internet 25",
  ],
];

describe("clientName", () => {
  it.each(TABLE)("reads %s as %s", (ua, name) => {
    expect(clientName(ua)).toBe(name);
  });

  it("names an unknown product by its first token and version", () => {
    expect(clientName("AcmeSync/4.2.1 (linux)")).toBe("AcmeSync 4.2");
    expect(clientName("billing-worker/12")).toBe("billing-worker 12");
  });

  it("keeps an unrecognisable string, shortened", () => {
    expect(clientName("internal cron job")).toBe("internal cron job");
    const long = "x".repeat(80);
    const shown = clientName(long)!;
    expect(shown).toHaveLength(40);
    expect(shown.endsWith("…")).toBe(true);
  });

  it("does not name a generic Mozilla string after Mozilla", () => {
    expect(clientName("Mozilla/5.0 (compatible; SomeBot)")).toBe("Mozilla/5.0 (compatible; SomeBot)");
  });

  it("gives null for a missing or blank User-Agent", () => {
    expect(clientName(null)).toBeNull();
    expect(clientName("   ")).toBeNull();
  });
});
