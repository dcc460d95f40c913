//! Deserializing through a check, with the error raised at the checked value itself.
//!
//! A `#[serde(try_from = …)]` conversion fails after its value has been read, so YAML
//! errors point at the enclosing mapping. These helpers run the check inside the value's own
//! visitor instead: the error then carries that value's line, column and path.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Reads a string and converts it with `T::try_from`.
pub fn from_string<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<String, Error = String>,
{
    struct StringVisitor<T>(PhantomData<T>);
    impl<T: TryFrom<String, Error = String>> Visitor<'_> for StringVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            T::try_from(text.to_owned()).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(StringVisitor(PhantomData))
}

/// Reads a mapping as `S` and converts it with `T::try_from`.
pub fn from_map<'de, D, S, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    S: Deserialize<'de>,
    T: TryFrom<S, Error = String>,
{
    struct MapVisitor<S, T>(PhantomData<(S, T)>);
    impl<'de, S: Deserialize<'de>, T: TryFrom<S, Error = String>> Visitor<'de> for MapVisitor<S, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            let source = S::deserialize(MapAccessDeserializer::new(map))?;
            T::try_from(source).map_err(de::Error::custom)
        }
    }
    deserializer.deserialize_map(MapVisitor(PhantomData))
}

/// Reads a sequence of `E` and converts it with `T::try_from`.
pub fn from_seq<'de, D, E, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: Deserialize<'de>,
    T: TryFrom<Vec<E>, Error = String>,
{
    struct SeqVisitor<E, T>(PhantomData<(E, T)>);
    impl<'de, E: Deserialize<'de>, T: TryFrom<Vec<E>, Error = String>> Visitor<'de> for SeqVisitor<E, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            let items = Vec::<E>::deserialize(SeqAccessDeserializer::new(seq))?;
            T::try_from(items).map_err(de::Error::custom)
        }
    }
    deserializer.deserialize_seq(SeqVisitor(PhantomData))
}

/// Implements `Deserialize` for types checked through one of the helpers above:
/// `checked!(Type: string)`, `checked!(Type: map Source)`, `checked!(Type: seq Item)`.
macro_rules! checked {
    ($ty:ty: string) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::checked::from_string(deserializer)
            }
        }
    };
    ($ty:ty: map $source:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::checked::from_map::<D, $source, Self>(deserializer)
            }
        }
    };
    ($ty:ty: seq $item:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::checked::from_seq::<D, $item, Self>(deserializer)
            }
        }
    };
}
pub(crate) use checked;
