package dev.signoff.session;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * XML from session files, parsed with no DOCTYPE at all: no DAW writes one, and refusing it refuses
 * every external entity and DTD fetch (XXE) before the parser could resolve one.
 */
final class SafeXml {
    private SafeXml() {}

    static Document parse(Path file, String part, byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new StringReader("")));
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("DOCTYPE")) throw new SessionFileException(file, part + " declares a DOCTYPE, which Signoff refuses (no DAW writes one; it could fetch external entities)");
            throw new SessionFileException(file, "corrupt XML in " + part + " at line " + e.getLineNumber() + ": " + m.replaceAll("\\s+", " ").trim());
        } catch (SAXException e) {
            throw new SessionFileException(file, "corrupt XML in " + part);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new SessionFileException(file, part + " declares the text encoding \"" + e.getMessage() + "\", which Signoff cannot read");
        } catch (java.io.CharConversionException e) {
            throw new SessionFileException(file, "corrupt XML in " + part + ": bytes that are not text in its declared encoding");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) out.add(e);
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    static double number(Element e, String attribute, double otherwise) {
        if (e == null || !e.hasAttribute(attribute)) return otherwise;
        try {
            return Double.parseDouble(e.getAttribute(attribute));
        } catch (NumberFormatException ex) {
            return otherwise;
        }
    }
}
