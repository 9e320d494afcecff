//! Reading server-rendered HTML in assertions.

/// A parsed HTML page, so assertions do not depend on attribute order, whitespace or Leptos's
/// hydration markers.
pub struct Page(scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(scraper::Html::parse_document(html))
    }

    fn select(&self, selector: &str) -> anyhow::Result<Vec<scraper::ElementRef<'_>>> {
        let selector = scraper::Selector::parse(selector)
            .map_err(|e| anyhow::anyhow!("bad selector {selector}: {e}"))?;
        Ok(self.0.select(&selector).collect())
    }

    /// The whitespace-normalised text of every element the CSS selector matches.
    pub fn texts(&self, selector: &str) -> anyhow::Result<Vec<String>> {
        Ok(self
            .select(selector)?
            .into_iter()
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect())
    }

    /// The text of the first match, or an error naming the selector.
    pub fn text(&self, selector: &str) -> anyhow::Result<String> {
        self.texts(selector)?.into_iter().next().ok_or_else(|| anyhow::anyhow!("nothing matches {selector}"))
    }

    /// How many elements the selector matches.
    pub fn count(&self, selector: &str) -> anyhow::Result<usize> {
        Ok(self.select(selector)?.len())
    }

    /// Everything on the page that could run script an author or learner wrote: event-handler
    /// attributes, `javascript:` and `data:` addresses, frames, objects, embeds, `<base>`, refresh
    /// `<meta>`, style elements and script-bearing styles, and scripts other than Casebook's own.
    pub fn script_risks(&self) -> Vec<String> {
        const URL_ATTRIBUTES: [&str; 10] = [
            "href",
            "src",
            "action",
            "formaction",
            "background",
            "dynsrc",
            "lowsrc",
            "data",
            "xlink:href",
            "poster",
        ];
        const DANGEROUS: [&str; 8] =
            ["iframe", "object", "embed", "frame", "frameset", "base", "applet", "style"];
        let mut risks = Vec::new();
        let all = scraper::Selector::parse("*").expect("a selector");
        for element in self.0.select(&all) {
            let tag = element.value().name().to_ascii_lowercase();
            if DANGEROUS.contains(&tag.as_str()) {
                risks.push(format!("a <{tag}> element"));
            }
            if tag == "meta" && element.value().attr("http-equiv").is_some() {
                risks.push("a <meta http-equiv>".into());
            }
            if tag == "script" {
                let own = element.value().attr("src").is_none_or(|src| src.starts_with("/pkg/"));
                let text: String = element.text().collect();
                if !own || text.contains("alert(") || text.contains("xss.example") {
                    risks.push(format!("a script: {}", text.chars().take(80).collect::<String>()));
                }
            }
            for (name, value) in element.value().attrs() {
                let name = name.to_ascii_lowercase();
                let squashed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name.starts_with("on") {
                    risks.push(format!("<{tag} {name}>"));
                }
                if URL_ATTRIBUTES.contains(&name.as_str())
                    && (squashed.starts_with("javascript:")
                        || squashed.starts_with("data:text/html")
                        || squashed.starts_with("vbscript:"))
                {
                    risks.push(format!("<{tag} {name}={value}>"));
                }
                if name == "style" && (squashed.contains("expression(") || squashed.contains("javascript:")) {
                    risks.push(format!("<{tag} style={value}>"));
                }
            }
        }
        risks
    }

    /// An attribute of the first match.
    pub fn attr(&self, selector: &str, name: &str) -> anyhow::Result<Option<String>> {
        Ok(self.select(selector)?.first().and_then(|e| e.value().attr(name)).map(str::to_owned))
    }

    /// An attribute of every match that has it.
    pub fn attrs(&self, selector: &str, name: &str) -> anyhow::Result<Vec<String>> {
        Ok(self.select(selector)?.iter().filter_map(|e| e.value().attr(name)).map(str::to_owned).collect())
    }
}
