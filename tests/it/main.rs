//! Integration tests of the muntada core, one test binary.

mod pdf;
