//! One module per subcommand (or group of them): its clap declaration and its body, which
//! parses, calls the core and prints.

pub(crate) mod accounts;
pub(crate) mod activities;
pub(crate) mod agreement;
pub(crate) mod audit;
pub(crate) mod backup;
pub(crate) mod correct;
pub(crate) mod exchange;
pub(crate) mod invoice;
pub(crate) mod invoice_print;
pub(crate) mod key;
pub(crate) mod organisation;
pub(crate) mod reports;
pub(crate) mod retention;
pub(crate) mod settings;
pub(crate) mod setup;
