package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.findings.Finding;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        return n;
    }

    /** Every inline SVG is well-formed XML on its own, and the page's main elements are balanced. */
    static void assertWellFormed(String html) throws Exception {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">").endsWith("</html>\n");
        for (String tag : List.of("html", "head", "body", "main", "section", "table", "tr", "td", "div", "svg", "style", "dl")) {
            assertThat(count(html, "<" + tag + ">") + count(html, "<" + tag + " ")).as(tag).isEqualTo(count(html, "</" + tag + ">"));
        }
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        while (svg.find()) {
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8)));
            assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(d.getDocumentElement().getAttribute("viewBox")).isNotEmpty();
        }
        // Self-contained: one inline script (the player), nothing fetched from elsewhere; the only link out is the mix itself.
        assertThat(count(html, "<script")).isEqualTo(count(html, "<script>")).isLessThanOrEqualTo(1);
        assertThat(html.replaceAll("<audio class=\"player\" controls preload=\"metadata\" src=\"[^\"]*\">", ""))
                .doesNotContain("<link").doesNotContain("src=").doesNotContain("@import");
        assertThat(Pattern.compile("url\\((?!#)").matcher(html).find()).as("only same-document url() references").isFalse();
        assertThat(html.replaceAll("xmlns(:\\w+)?=['\"][^'\"]*['\"]", "")).as("no external address outside namespace names")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void stereoFileHasThreePlotsAndEveryFinding() throws Exception {
        CheckResult r = Mixes.GENERAL;
        String html = HtmlReport.render(List.of(FileOutcome.of(r)));
        assertWellFormed(html);
        assertThat(count(html, "<svg")).isEqualTo(1 + 3);
        for (Finding f : r.findings()) assertThat(html).contains(f.code().name());
        assertThat(html).contains("Loudness over time").contains("Tonal balance").contains("Stereo picture");
        // Worst first in the findings table.
        int table = html.indexOf("<table class=\"findings\"");
        assertThat(html.indexOf("CLIPPING", table)).isLessThan(html.indexOf("STOP_NOISE", table));
        assertThat(html.indexOf("STOP_NOISE", table)).isLessThan(html.indexOf("WIDTH", table));
        // Messages are escaped, quiet passages listed.
        assertThat(html).contains("hangs over the stop &lt;at&gt; 0:10.0 &amp; &quot;after&quot;.").doesNotContain("<at>");
        assertThat(html).contains("Quiet passages").contains("hiss").contains("dBFS at 50 Hz");
        // The timed problem is shaded in the problem colour on the loudness plot.
        int plot = html.indexOf("<svg", html.indexOf("Loudness over time"));
        String loudness = html.substring(plot, html.indexOf("</svg>", plot));
        assertThat(loudness).contains("rgb(214,59,59)");
        assertThat(html).contains(Fmt.num(r.measurements().loudness().integratedLufs()));
    }

    @Test
    void monoFileSkipsTheStereoPlot() throws Exception {
        String html = HtmlReport.render(List.of(FileOutcome.of(Mixes.MONO)));
        assertWellFormed(html);
        assertThat(count(html, "<svg")).isEqualTo(1 + 2);
        assertThat(html).doesNotContain("Stereo picture");
    }

    @Test
    void fileNamesAndErrorsAreEscaped() throws Exception {
        Path odd = Path.of("mixes", "a<b>&\"c\".wav");
        String html = HtmlReport.render(List.of(FileOutcome.of(Mixes.renamed(Mixes.CLIPPED, odd)),
                FileOutcome.failed(Path.of("x<y>.wav"), "x<y>.wav: not <audio> & \"broken\"")));
        assertWellFormed(html);
        assertThat(html).doesNotContain("a<b>").doesNotContain("x<y>").doesNotContain("<audio>");
        assertThat(html).contains("a&lt;b&gt;&amp;&quot;c&quot;.wav");
        assertThat(html).contains("x&lt;y&gt;.wav: not &lt;audio&gt; &amp; &quot;broken&quot;");
        assertThat(count(html, "<svg")).isEqualTo(1 + 3);
        assertThat(html).contains("Overview").contains("could not be read");
    }

    @Test
    void severalFilesOneSectionEach() throws Exception {
        String html = HtmlReport.render(List.of(FileOutcome.of(Mixes.CLIPPED), FileOutcome.of(Mixes.MONO), FileOutcome.of(Mixes.GENERAL)));
        assertWellFormed(html);
        assertThat(count(html, "<section class=\"file\"")).isEqualTo(3);
        assertThat(count(html, "<svg")).isEqualTo(4 + 3 + 4);
        assertThat(html).contains("id=\"file-0\"").contains("href=\"#file-2\"");
        for (CheckResult r : List.of(Mixes.CLIPPED, Mixes.MONO, Mixes.GENERAL)) {
            for (Finding f : r.findings()) assertThat(html).contains(f.code().name());
        }
    }
}
