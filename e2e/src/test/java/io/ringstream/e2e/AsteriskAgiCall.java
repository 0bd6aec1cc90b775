package io.ringstream.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's side of one FastAGI call over a real socket: the AGI environment, then an answer to
 * each command (SET VARIABLE stores into the channel's variables, GET VARIABLE reads them) until
 * the server hangs up. What {@code AGI(agi://bridge:4573/route?...)} does in a dialplan.
 */
final class AsteriskAgiCall {
    private static final Pattern SET = Pattern.compile("SET VARIABLE \"(.*?)\" \"(.*)\"");
    private static final Pattern GET = Pattern.compile("GET VARIABLE \"(.*?)\"");

    private AsteriskAgiCall() {}

    /** Runs the script and returns the channel's variables afterwards. */
    static Map<String, String> run(
            int port, String pathAndQuery, String uniqueId, Map<String, String> variables)
            throws IOException {
        Map<String, String> vars = new LinkedHashMap<>(variables);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            Writer out =
                    new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write("agi_network: yes\n");
            out.write("agi_network_script: " + pathAndQuery + "\n");
            out.write("agi_request: agi://127.0.0.1:" + port + "/" + pathAndQuery + "\n");
            out.write("agi_channel: PJSIP/caller-00000001\n");
            out.write("agi_uniqueid: " + uniqueId + "\n");
            out.write("agi_callerid: 5551234\n");
            out.write("agi_context: ringstream\n");
            out.write("agi_extension: s\n");
            out.write("agi_priority: 1\n");
            out.write("\n");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                Matcher set = SET.matcher(line);
                Matcher get = GET.matcher(line);
                if (set.matches()) {
                    vars.put(set.group(1), set.group(2));
                    out.write("200 result=1\n");
                } else if (get.matches()) {
                    String v = vars.get(get.group(1));
                    out.write(v == null ? "200 result=0\n" : "200 result=1 (" + v + ")\n");
                } else {
                    out.write("200 result=0\n");
                }
                out.flush();
            }
        }
        return vars;
    }
}
