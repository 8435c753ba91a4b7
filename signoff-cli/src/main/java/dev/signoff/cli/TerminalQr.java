package dev.signoff.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;

/**
 * A QR code drawn with text, to scan from the terminal with a phone. Glyphs stand for the light
 * modules (the usual light text on a dark terminal); with {@code colours} the code is drawn white on
 * black explicitly, so it reads the same way on a light-themed terminal too. UNICODE packs two rows
 * into one line with half blocks (a square-looking code); ASCII draws each module as two characters.
 */
final class TerminalQr {
    enum Glyphs { UNICODE, ASCII }

    /** Two modules of quiet zone around the code: enough for phone cameras, and compact on screen. */
    static final int MARGIN = 2;
    private static final String WHITE_ON_BLACK = "\u001b[97;40m", RESET = "\u001b[0m";

    private TerminalQr() {}

    static String render(String text, Glyphs glyphs, boolean colours) {
        BitMatrix m = encode(text);
        StringBuilder out = new StringBuilder();
        int step = glyphs == Glyphs.UNICODE ? 2 : 1;
        for (int y = 0; y < m.getHeight(); y += step) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = !m.get(x, y);
                if (glyphs == Glyphs.ASCII) {
                    line.append(top ? "##" : "  ");
                } else {
                    boolean bottom = y + 1 < m.getHeight() && !m.get(x, y + 1);
                    line.append(top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ');
                }
            }
            out.append(colours ? WHITE_ON_BLACK + line + RESET : line).append('\n');
        }
        return out.toString();
    }

    /** The code's modules (true: dark), with the quiet zone. */
    static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, MARGIN, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of " + text + ": " + e.getMessage(), e);
        }
    }
}
