//! Vietnamese first, English on `--lang en`. Every label a person reads comes from here.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A label in both languages.
#[derive(Debug, Clone, Copy)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn t(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.0,
            Lang::En => self.1,
        }
    }
}

/// Picks the Vietnamese or English form of a formatted message.
pub fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
