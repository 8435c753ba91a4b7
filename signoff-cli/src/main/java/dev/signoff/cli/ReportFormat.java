package dev.signoff.cli;

/** Output formats of `check`. */
enum ReportFormat { text, json, html }
