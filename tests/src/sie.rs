//! A reader of SIE 4 files (the Swedish accounting exchange format), enough to check what
//! Fristad writes: the header, the chart of accounts, and every verification with its
//! transactions. It follows the format's rules: one item per line starting with `#`, fields
//! separated by blanks, text in quotes with `\` escapes, objects in `{}`, code page 437.

use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Sie {
    pub items: BTreeMap<String, Vec<Vec<String>>>,
    pub accounts: BTreeMap<String, String>,
    pub verifications: Vec<Verification>,
}

#[derive(Debug, Default)]
pub struct Verification {
    pub series: String,
    pub number: String,
    pub date: String,
    pub text: String,
    /// (account, amount in öre)
    pub transactions: Vec<(String, i64)>,
}

impl Verification {
    pub fn balance(&self) -> i64 {
        self.transactions.iter().map(|(_, a)| a).sum()
    }
}

/// Splits a line into fields: quoted text, `{…}` objects and plain words.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        } else if c == '{' {
            let mut s = String::new();
            for c in chars.by_ref() {
                s.push(c);
                if c == '}' {
                    break;
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

fn ore(text: &str) -> Result<i64, String> {
    fristad::money::Money::parse_kronor(text)
        .map(|m| m.ore())
        .map_err(|e| format!("amount {text}: {e}"))
}

/// Parses a whole file; any deviation from the format is an error naming the line.
pub fn parse(bytes: &[u8]) -> Result<Sie, String> {
    let text = fristad::billing::sie::from_cp437(bytes);
    let mut sie = Sie::default();
    let mut open: Option<Verification> = None;
    let mut in_block = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = |m: &str| format!("line {}: {m}: {raw}", n + 1);
        if line.is_empty() {
            continue;
        }
        if line == "{" {
            if open.is_none() || in_block {
                return Err(at("a block without its #VER"));
            }
            in_block = true;
            continue;
        }
        if line == "}" {
            if !in_block {
                return Err(at("a block closed that was not open"));
            }
            in_block = false;
            sie.verifications.push(open.take().expect("open"));
            continue;
        }
        let f = fields(line);
        let label = f.first().ok_or_else(|| at("empty item"))?.clone();
        if !label.starts_with('#') {
            return Err(at("an item must start with #"));
        }
        match label.as_str() {
            "#TRANS" => {
                let v = open
                    .as_mut()
                    .filter(|_| in_block)
                    .ok_or_else(|| at("#TRANS outside a verification"))?;
                if f.len() < 4 || !f[2].starts_with('{') {
                    return Err(at("#TRANS needs account, {objects} and amount"));
                }
                v.transactions.push((f[1].clone(), ore(&f[3]).map_err(|e| at(&e))?));
            }
            "#VER" => {
                if open.is_some() {
                    return Err(at("a #VER before the previous one's block"));
                }
                if f.len() < 4 {
                    return Err(at("#VER needs series, number and date"));
                }
                open = Some(Verification {
                    series: f[1].clone(),
                    number: f[2].clone(),
                    date: f[3].clone(),
                    text: f.get(4).cloned().unwrap_or_default(),
                    transactions: Vec::new(),
                });
            }
            "#KONTO" => {
                sie.accounts.insert(
                    f.get(1).cloned().ok_or_else(|| at("#KONTO needs a number"))?,
                    f.get(2).cloned().unwrap_or_default(),
                );
            }
            _ => sie.items.entry(label).or_default().push(f[1..].to_vec()),
        }
    }
    if open.is_some() || in_block {
        return Err("the file ends inside a verification".into());
    }
    Ok(sie)
}
