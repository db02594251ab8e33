//! JSON-LD (`<script type="application/ld+json">`): the schema.org `NewsArticle` (or
//! `Article`, `BlogPosting`, …) a page describes itself with.

use serde_json::Value;

/// The article fields JSON-LD gives; strings as written (unsanitised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
    pub body: Option<String>,
    pub language: Option<String>,
}

/// The first article-typed object in a JSON-LD script (top level, a list, or `@graph`).
pub fn article(script: &str) -> Option<LdArticle> {
    // serde_json refuses nesting deeper than 128 levels, so hostile scripts cannot recurse.
    let value: Value = serde_json::from_str(script.trim()).ok()?;
    let candidates: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(object) => match object.get("@graph") {
            Some(Value::Array(items)) => items.iter().chain([&value]).collect(),
            _ => vec![&value],
        },
        _ => Vec::new(),
    };
    let object = candidates.into_iter().find(|v| is_article(v))?;
    Some(LdArticle {
        headline: text(object.get("headline")).or_else(|| text(object.get("name"))),
        date: text(object.get("datePublished")).or_else(|| text(object.get("dateCreated"))),
        authors: names(object.get("author")),
        publisher: names(object.get("publisher")).into_iter().next(),
        url: text(object.get("url")).or_else(|| match object.get("mainEntityOfPage") {
            Some(Value::Object(page)) => text(page.get("@id")),
            other => text(other),
        }),
        keywords: match object.get("keywords") {
            Some(Value::String(list)) => list
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
            other => names(other),
        },
        body: text(object.get("articleBody")),
        language: text(object.get("inLanguage")),
    })
}

fn is_article(value: &Value) -> bool {
    let article_type = |t: &Value| {
        t.as_str().is_some_and(|t| {
            t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
        })
    };
    match value.get("@type") {
        Some(Value::Array(types)) => types.iter().any(article_type),
        Some(t) => article_type(t),
        None => false,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A name, an object with a `name`, or a list of either.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v))).collect(),
        Some(Value::Object(object)) => text(object.get("name")).into_iter().collect(),
        other => text(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article_in_a_graph() {
        let script = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Daily"},
            {"@type":["NewsArticle"],"headline":"NATO meets","datePublished":"2020-02-28T09:00:00Z",
             "author":[{"@type":"Person","name":"Ali Bakeer"},"Jane Roe"],
             "publisher":{"@type":"Organization","name":"The Daily"},
             "mainEntityOfPage":{"@id":"https://daily.example/nato"},"keywords":"nato, turkey"}]}"#;
        let a = article(script).unwrap();
        assert_eq!(a.headline.as_deref(), Some("NATO meets"));
        assert_eq!(a.authors, ["Ali Bakeer", "Jane Roe"]);
        assert_eq!(a.publisher.as_deref(), Some("The Daily"));
        assert_eq!(a.url.as_deref(), Some("https://daily.example/nato"));
        assert_eq!(a.keywords, ["nato", "turkey"]);
    }

    #[test]
    fn not_an_article() {
        assert_eq!(article(r#"{"@type":"WebSite"}"#), None);
        assert_eq!(article("{broken"), None);
        assert_eq!(article(&"[".repeat(100_000)), None);
    }
}
