package io.ringstream.bridge.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Asterisk's side of FastAGI over a real socket: sends the AGI environment of a call, then
 * answers each command the script sends (SET VARIABLE stores, GET VARIABLE reads the channel's
 * variables) until the server hangs up. What Asterisk does when the dialplan runs {@code
 * AGI(agi://host:port/<script>?...)}.
 */
final class AgiTestClient {
    private static final Pattern SET = Pattern.compile("SET VARIABLE \"(.*?)\" \"(.*)\"");
    private static final Pattern GET = Pattern.compile("GET VARIABLE \"(.*?)\"");

    private AgiTestClient() {}

    /** What one AGI call left behind. */
    record Call(Map<String, String> variables, List<String> commands) {}

    /**
     * @param pathAndQuery e.g. {@code route?queue=support}
     * @param variables the channel's variables before the call; updated by SET VARIABLE
     */
    static Call run(int port, String pathAndQuery, String uniqueId, Map<String, String> variables)
            throws IOException {
        Map<String, String> vars = new LinkedHashMap<>(variables);
        List<String> commands = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            Writer out =
                    new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String script = pathAndQuery;
            out.write("agi_network: yes\n");
            out.write("agi_network_script: " + script + "\n");
            out.write("agi_request: agi://127.0.0.1:" + port + "/" + pathAndQuery + "\n");
            out.write("agi_channel: PJSIP/caller-00000001\n");
            out.write("agi_language: en\n");
            out.write("agi_type: PJSIP\n");
            out.write("agi_uniqueid: " + uniqueId + "\n");
            out.write("agi_version: 18.20.0\n");
            out.write("agi_callerid: 5551234\n");
            out.write("agi_calleridname: Ana\n");
            out.write("agi_callingpres: 0\n");
            out.write("agi_dnid: 100\n");
            out.write("agi_context: ringstream\n");
            out.write("agi_extension: s\n");
            out.write("agi_priority: 2\n");
            out.write("agi_enhanced: 0.0\n");
            out.write("agi_accountcode: \n");
            out.write("agi_threadid: 140000000000001\n");
            out.write("\n");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                Matcher set = SET.matcher(line);
                Matcher get = GET.matcher(line);
                if (set.matches()) {
                    vars.put(set.group(1), set.group(2));
                    out.write("200 result=1\n");
                } else if (get.matches()) {
                    String value = vars.get(get.group(1));
                    out.write(value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n");
                } else {
                    out.write("200 result=0\n");
                }
                out.flush();
            }
        }
        return new Call(vars, commands);
    }
}
