package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The generated server config: loopback only, our ports, every path inside the data directory. */
class ServerConfigTest {

    @Test
    void configIsWellFormedAndKeepsEverythingInTheDataDirOnLoopback(@TempDir Path dir)
            throws Exception {
        Path config = ServerConfig.write(dir, 18123, 19000);

        Document doc = parse(config);
        assertThat(text(doc, "http_port")).isEqualTo("18123");
        assertThat(text(doc, "tcp_port")).isEqualTo("19000");
        assertThat(text(doc, "listen_host")).isEqualTo("127.0.0.1");
        assertThat(text(doc, "path")).isEqualTo(dir.toAbsolutePath() + "/");
        assertThat(text(doc, "tmp_path")).startsWith(dir.toAbsolutePath().toString());
        assertThat(doc.getElementsByTagName("interserver_http_port").getLength()).isZero();
        assertThat(text(parse(config.resolveSibling("users.xml")), "ip")).isEqualTo("127.0.0.1");
    }

    private static Document parse(Path file) throws Exception {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagName(tag).item(0).getTextContent();
    }
}
