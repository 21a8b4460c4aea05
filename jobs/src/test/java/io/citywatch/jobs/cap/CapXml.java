package io.citywatch.jobs.cap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CAP message read back as a consumer reads it: namespace-aware DOM. */
final class CapXml {
    private final Element alert;

    private CapXml(Element alert) {
        this.alert = alert;
    }

    static CapXml parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document =
                    factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = document.getDocumentElement();
            if (!CapMessages.NAMESPACE.equals(root.getNamespaceURI())
                    || !root.getLocalName().equals("alert")) {
                throw new AssertionError("not a CAP 1.2 alert: " + xml);
            }
            return new CapXml(root);
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + xml, e);
        }
    }

    /** The text of every element of this name, in document order. */
    List<String> all(String name) {
        NodeList nodes = alert.getElementsByTagNameNS(CapMessages.NAMESPACE, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** The text of the one element of this name; null when there is none. */
    String text(String name) {
        List<String> texts = all(name);
        if (texts.size() > 1) {
            throw new AssertionError(name + " appears " + texts.size() + " times");
        }
        return texts.isEmpty() ? null : texts.get(0);
    }

    /** valueName → value of the {@code parameter} or {@code eventCode} elements. */
    Map<String, String> pairs(String name) {
        NodeList nodes = alert.getElementsByTagNameNS(CapMessages.NAMESPACE, name);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element pair = (Element) nodes.item(i);
            pairs.put(
                    pair.getElementsByTagNameNS(CapMessages.NAMESPACE, "valueName")
                            .item(0)
                            .getTextContent(),
                    pair.getElementsByTagNameNS(CapMessages.NAMESPACE, "value")
                            .item(0)
                            .getTextContent());
        }
        return pairs;
    }

    /** The earlier messages this one names: sender,identifier,sent triples. */
    List<String> references() {
        String references = text("references");
        return references == null ? List.of() : List.of(references.split(" "));
    }
}
