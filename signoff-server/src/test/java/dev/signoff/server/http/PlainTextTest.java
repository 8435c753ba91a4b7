package dev.signoff.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextTest {

    @Test
    void anUnpairedRightToLeftOverrideIsRefusedBecauseItReversesWhatFollowsIt() {
        // "x", U+202E, "gnp.exe" shows as "xexe.png" and reverses the text after it on the page.
        assertThatThrownBy(() -> PlainText.checked("author", "x\u202Egnp.exe", false))
                .isInstanceOf(Problem.class).hasMessageContaining("'author'").hasMessageContaining("direction");
        assertThatThrownBy(() -> PlainText.checked("body", "fine\n\u2067unclosed isolate", true)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> PlainText.checked("body", "a closing mark \u202C with nothing open", true)).isInstanceOf(Problem.class);
    }

    @Test
    void rightToLeftTextAndPairedDirectionMarksAreWelcome() {
        assertThat(PlainText.checked("author", "שלום Dana", false)).isEqualTo("שלום Dana");
        assertThat(PlainText.checked("body", "the \u2067שלום\u2069 part at 1:20", true)).contains("שלום");
        assertThat(PlainText.checked("body", "\u202Bembedded\u202C then plain", true)).endsWith("plain");
        assertThat(PlainText.checked("author", "Dana \u200F", false)).startsWith("Dana");
    }

    @Test
    void aOneLineNameRefusesLineBreaksAndBells() {
        assertThatThrownBy(() -> PlainText.checked("name", "Mix\r\nv2", false)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> PlainText.checked("label", "Sam\u0007", false)).isInstanceOf(Problem.class);
        assertThat(PlainText.checked("body", "line one\nline two", true)).contains("\n");
    }
}
