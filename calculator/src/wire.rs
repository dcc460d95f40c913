//! The policy in the compact form the page calculator loads.
//!
//! The WebAssembly module reads this format instead of JSON: a reader for it is a few hundred
//! bytes of code, where serde's JSON deserializer and the visitors it needs for every policy
//! type weighed most of the module. The form is positional: each value is written in a fixed
//! order, numbers in decimal ending with `,`, texts as `<byte length>:<bytes>`. Values are
//! written in their policy-file notation where they have one (`2h`, `07:30-12:30`, `01-06`)
//! and read back through the same checks as a policy file, so a policy read from this form is
//! equal to the one written ([`Policy::from_wire`] ∘ [`Policy::to_wire`] is the identity).

use crate::policy::Policy;

/// The first bytes of the form, naming its version.
const HEADER: &str = "ayuda-policy/1;";

/// Writes values one after the other.
pub(crate) struct Writer(String);

/// Reads values in the order they were written.
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
}

/// A value with a compact written form.
pub(crate) trait Wire: Sized {
    /// Appends the value.
    fn write(&self, out: &mut Writer);
    /// Reads a value, checked as when read from a policy file.
    fn read(input: &mut Reader) -> Result<Self, String>;
}

impl Writer {
    fn number(&mut self, n: i64) {
        self.0.push_str(&n.to_string());
        self.0.push(',');
    }

    fn text(&mut self, text: &str) {
        self.0.push_str(&text.len().to_string());
        self.0.push(':');
        self.0.push_str(text);
    }
}

impl<'a> Reader<'a> {
    fn error(&self, expected: &str) -> String {
        format!("malformed policy data at byte {}: expected {expected}", self.at)
    }

    /// The text up to `end`, consumed with it.
    fn until(&mut self, end: char, expected: &str) -> Result<&'a str, String> {
        let rest = &self.text[self.at..];
        let (token, _) = rest.split_once(end).ok_or_else(|| self.error(expected))?;
        self.at += token.len() + 1;
        Ok(token)
    }

    fn number(&mut self) -> Result<i64, String> {
        self.until(',', "a number")?.parse().map_err(|_| self.error("a number"))
    }

    fn text(&mut self) -> Result<&'a str, String> {
        let length: usize = self.until(':', "a text")?.parse().map_err(|_| self.error("a text length"))?;
        let end = self.at.checked_add(length).ok_or_else(|| self.error("a text length"))?;
        let text = self.text.get(self.at..end).ok_or_else(|| self.error("a text"))?;
        self.at += length;
        Ok(text)
    }
}

macro_rules! wire_integer {
    ($($ty:ty),*) => {$(
        impl Wire for $ty {
            fn write(&self, out: &mut Writer) {
                out.number(i64::from(*self));
            }
            fn read(input: &mut Reader) -> Result<Self, String> {
                let n = input.number()?;
                <$ty>::try_from(n).map_err(|_| input.error(concat!("a number in the range of ", stringify!($ty))))
            }
        }
    )*};
}
wire_integer!(i8, i32, u32, i64);

impl Wire for String {
    fn write(&self, out: &mut Writer) {
        out.text(self);
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        input.text().map(str::to_owned)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn write(&self, out: &mut Writer) {
        match self {
            None => out.number(0),
            Some(value) => {
                out.number(1);
                value.write(out);
            }
        }
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        match input.number()? {
            0 => Ok(None),
            1 => T::read(input).map(Some),
            _ => Err(input.error("0 or 1")),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn write(&self, out: &mut Writer) {
        out.number(self.len() as i64);
        self.iter().for_each(|item| item.write(out));
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        let count = usize::try_from(input.number()?).map_err(|_| input.error("a count"))?;
        // Every item takes at least two bytes: a corrupt count cannot reserve much memory.
        let mut items = Vec::with_capacity(count.min(input.text.len() / 2));
        for _ in 0..count {
            items.push(T::read(input)?);
        }
        Ok(items)
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn write(&self, out: &mut Writer) {
        self.0.write(out);
        self.1.write(out);
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        Ok((A::read(input)?, B::read(input)?))
    }
}

/// Implements [`Wire`] for a policy type:
/// - `wire!(Type: string)`: written as its text (`String::from`), read with `Type::try_from`;
/// - `wire!(Type: via Source)`: written as its source form, read back with `Type::try_from`;
/// - `wire!(Type { field, … })`: its fields, in that order.
macro_rules! wire {
    ($ty:ty: string) => {
        $crate::wire::wire!($ty: via String);
    };
    ($ty:ty: via $source:ty) => {
        impl $crate::wire::Wire for $ty {
            fn write(&self, out: &mut $crate::wire::Writer) {
                $crate::wire::Wire::write(&<$source>::from(self.clone()), out);
            }
            fn read(input: &mut $crate::wire::Reader) -> Result<Self, String> {
                <$source as $crate::wire::Wire>::read(input)?.try_into()
            }
        }
    };
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::wire::Wire for $ty {
            fn write(&self, out: &mut $crate::wire::Writer) {
                $($crate::wire::Wire::write(&self.$field, out);)*
            }
            fn read(input: &mut $crate::wire::Reader) -> Result<Self, String> {
                Ok($ty { $($field: $crate::wire::Wire::read(input)?),* })
            }
        }
    };
}
pub(crate) use wire;

impl Policy {
    /// The policy in the page calculator's compact form.
    pub fn to_wire(&self) -> String {
        let mut out = Writer(HEADER.to_owned());
        self.write(&mut out);
        out.0
    }

    /// Reads a policy written by [`Policy::to_wire`].
    pub fn from_wire(text: &str) -> Result<Policy, String> {
        let body = text.strip_prefix(HEADER).ok_or("not policy data in the ayuda-policy/1 form")?;
        let mut input = Reader { text: body, at: 0 };
        let policy = Policy::read(&mut input)?;
        if input.at != body.len() {
            return Err(input.error("the end of the data"));
        }
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"
timezone: America/New_York
schedule: { mon: ["07:30-12:30", "13:30-17:00"], tue: ["00:00-24:00"], sat: ["09:00-12:00"] }
holidays:
  calendars: [CO]
  rules:
    - { name: { es: "Día: ñandú", en: "Day, with 12: digits" }, month: 11, weekday: thu, nth: -1, from: 2020 }
    - { name: Pascua, easter: 0, until: 2090 }
  closed: [2025-12-24, { date: 2025-12-31, name: { es: Cierre } }]
  open: [2026-01-12]
priorities:
  - { id: alta, name: Alta, description: "Caído; sin alternativa", response: 2h, resolution: 9h30m15s }
  - { id: baja, name: { es: Baja, en: Low }, description: x, response: 8h, resolution: 80h }
definitive_fix: 120d
request_types:
  - { id: facturacion, name: Facturación, contact: { role: { es: Líder, en: Lead }, email: a@example.com } }
"#;

    #[test]
    fn a_policy_reads_back_equal() {
        let policy = Policy::from_yaml(POLICY).unwrap();
        let text = policy.to_wire();
        assert!(text.starts_with(HEADER));
        assert_eq!(Policy::from_wire(&text), Ok(policy));
    }

    #[test]
    fn absent_optional_parts_read_back_equal() {
        let policy = Policy::from_yaml(
            "timezone: UTC\nschedule: { fri: [\"08:00-09:00\"] }\npriorities:\n  - { id: p, name: P, description: d, response: 1m, resolution: 1m }\n",
        )
        .unwrap();
        assert_eq!(Policy::from_wire(&policy.to_wire()), Ok(policy));
    }

    #[test]
    fn damaged_data_is_an_error_and_never_a_panic() {
        // Without the built-in calendar and daylight saving time, to keep the data short.
        let short =
            POLICY.replace("calendars: [CO]", "calendars: []").replace("America/New_York", "America/Bogota");
        let text = Policy::from_yaml(&short).unwrap().to_wire();
        assert!(Policy::from_wire("{}").unwrap_err().contains("ayuda-policy/1"));
        assert!(Policy::from_wire(&format!("{text}1,")).unwrap_err().contains("the end of the data"));
        let huge = text.replacen("14:America/Bogota", &format!("{}:America/Bogota", usize::MAX), 1);
        assert!(Policy::from_wire(&huge).unwrap_err().contains("expected a text"));
        // Every truncation, and every single-byte change, fails cleanly or reads some policy.
        for end in HEADER.len()..text.len() {
            if let Some(prefix) = text.get(..end) {
                assert!(Policy::from_wire(prefix).is_err(), "a truncation at {end} was accepted");
            }
        }
        for at in HEADER.len()..text.len() {
            for byte in [b'0', b'9', b',', b':', b'x'] {
                let mut bytes = text.clone().into_bytes();
                bytes[at] = byte;
                if let Ok(changed) = String::from_utf8(bytes) {
                    let _ = Policy::from_wire(&changed);
                }
            }
        }
    }

    #[test]
    fn checks_of_policy_files_apply() {
        let text = Policy::from_yaml(POLICY).unwrap().to_wire();
        let broken = text.replacen("11:07:30-12:30", "11:12:30-07:30", 1);
        assert_ne!(broken, text);
        assert!(Policy::from_wire(&broken).unwrap_err().contains("the end must come after the start"));
    }
}
