//! The index's binary encoding: unsigned LEB128 numbers, and strings and byte runs with their
//! length first. Little code to decode, so the WebAssembly engine stays small.

use crate::Error;
use alloc::{borrow::ToOwned, string::String, vec::Vec};

/// Appends values to a byte buffer.
#[cfg(feature = "index")]
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

#[cfg(feature = "index")]
impl Writer {
    pub(crate) fn number(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub(crate) fn text(&mut self, text: &str) {
        self.number(text.len() as u64);
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub(crate) fn byte(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
}

/// Reads values back in the order they were written; running past the end, or a string
/// that is not UTF-8, is [`Error::Corrupt`] naming the file.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    file: &'a str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'a str, bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0, file }
    }

    pub(crate) fn corrupt(&self) -> Error {
        Error::Corrupt(self.file.to_owned())
    }

    pub(crate) fn number(&mut self) -> Result<u64, Error> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(self.corrupt())
    }

    /// A number that counts or indexes something in memory.
    pub(crate) fn count(&mut self) -> Result<usize, Error> {
        usize::try_from(self.number()?).map_err(|_| self.corrupt())
    }

    pub(crate) fn byte(&mut self) -> Result<u8, Error> {
        let byte = *self.bytes.get(self.at).ok_or_else(|| self.corrupt())?;
        self.at += 1;
        Ok(byte)
    }

    pub(crate) fn raw(&mut self, len: usize) -> Result<&'a [u8], Error> {
        let end =
            self.at.checked_add(len).filter(|&end| end <= self.bytes.len()).ok_or_else(|| self.corrupt())?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    pub(crate) fn text(&mut self) -> Result<&'a str, Error> {
        let len = self.count()?;
        let bytes = self.raw(len)?;
        core::str::from_utf8(bytes).map_err(|_| self.corrupt())
    }

    /// A count, then that many values, each read by `read`.
    pub(crate) fn list<T>(
        &mut self,
        mut read: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let count = self.count()?;
        let mut values = Vec::new();
        for _ in 0..count {
            values.push(read(self)?);
        }
        Ok(values)
    }

    /// A string, owned.
    pub(crate) fn string(&mut self) -> Result<String, Error> {
        Ok(self.text()?.to_owned())
    }

    pub(crate) fn magic(&mut self, magic: &[u8]) -> Result<(), Error> {
        if self.raw(magic.len())? == magic {
            Ok(())
        } else {
            Err(self.corrupt())
        }
    }

    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

#[cfg(all(test, feature = "index"))]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_truncation_is_corrupt() {
        let mut writer = Writer::default();
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            writer.number(value);
        }
        writer.text("facturación");
        let mut reader = Reader::new("x", &writer.bytes);
        let numbers: Vec<u64> = (0..7).map(|_| reader.number().unwrap()).collect();
        assert_eq!(numbers, [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX]);
        assert_eq!(reader.text().unwrap(), "facturación");
        assert!(reader.at_end());
        let cut = &writer.bytes[..writer.bytes.len() - 1];
        let mut reader = Reader::new("cut.bin", cut);
        (0..7).for_each(|_| drop(reader.number()));
        assert_eq!(reader.text(), Err(Error::Corrupt("cut.bin".to_owned())));
    }
}
