package com.snc.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the {@code parameter} elements of the MID Server's {@code config.xml}.
 *
 * <p>The parser refuses document type declarations, so no entity is ever expanded and no external
 * file or URL is ever fetched. Error messages give the file and a position, never file content:
 * config.xml also holds the MID's own passwords.
 */
final class MidkvConfigXml {
    private MidkvConfigXml() {}

    /**
     * Returns each parameter's value by name (the first one wins), or an empty map when the file
     * does not exist.
     */
    static Map<String, String> readParameters(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return parameters(newBuilder().parse(input));
        } catch (NoSuchFileException missing) {
            return Map.of();
        } catch (SAXParseException error) {
            throw unreadable(file, "is not well-formed XML, or declares a DOCTYPE, which midkv refuses (line "
                + error.getLineNumber() + ", column " + error.getColumnNumber() + ")");
        } catch (IOException | SAXException error) {
            throw unreadable(file, "cannot be read (" + error.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, String> parameters(org.w3c.dom.Document document) {
        Map<String, String> values = new HashMap<>();
        NodeList elements = document.getElementsByTagName("parameter");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            values.putIfAbsent(element.getAttribute("name"), element.getAttribute("value"));
        }
        return values;
    }

    private static DocumentBuilder newBuilder() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);

            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new Silent());
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException error) {
            throw new IOException("the JDK's XML parser cannot be configured safely", error);
        }
    }

    /** Carries no cause: parser messages may quote the file, and config.xml holds passwords. */
    private static MidkvResolverException unreadable(Path file, String reason) {
        return new MidkvResolverException(
            "config.unreadable",
            "The MID Server configuration " + file + " " + reason + ".",
            "Repair the file; a MID Server config.xml needs no DOCTYPE.",
            null);
    }

    /** Turns parser complaints into exceptions instead of lines on standard error. */
    private static final class Silent implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
