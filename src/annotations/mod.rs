//! Standoff annotations (brat `.ann`) beside each article.
