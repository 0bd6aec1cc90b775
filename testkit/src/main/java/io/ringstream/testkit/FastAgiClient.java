package io.ringstream.testkit;

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
 * Plays Asterisk's side of one FastAGI call over a real socket, as the dialplan's {@code
 * AGI(agi://host:port/<script>?...)} does: sends the call's AGI environment, then answers each
 * command the script sends (SET VARIABLE stores into the channel's variables, GET VARIABLE reads
 * them, anything else succeeds) until the server hangs up. One client for the bridge's tests and
 * the end-to-end tests.
 */
public final class FastAgiClient {
    /** How long one read may block: a bound for a hung server, not an expectation of speed. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private static final Pattern SET = Pattern.compile("SET VARIABLE \"(.*?)\" \"(.*)\"");
    private static final Pattern GET = Pattern.compile("GET VARIABLE \"(.*?)\"");

    /** The Caller*ID number of a call that names none. */
    public static final String DEFAULT_CALLER_ID = "5551234";

    private FastAgiClient() {}

    /**
     * What one AGI call left behind.
     *
     * @param variables the channel's variables after the call
     * @param commands every command line the script sent, in order
     */
    public record Call(Map<String, String> variables, List<String> commands) {}

    /**
     * Runs one script on the server at {@code 127.0.0.1:port}.
     *
     * @param pathAndQuery e.g. {@code route?queue=support}
     * @param uniqueId the caller channel's Asterisk unique id
     * @param variables the channel's variables before the call
     */
    public static Call run(
            int port, String pathAndQuery, String uniqueId, Map<String, String> variables)
            throws IOException {
        return run(port, pathAndQuery, uniqueId, DEFAULT_CALLER_ID, variables);
    }

    /**
     * Runs one script for a caller whose channel has {@code callerId} as its Caller*ID number
     * ({@code agi_callerid}, as the PBX sees it: any format).
     */
    public static Call run(
            int port,
            String pathAndQuery,
            String uniqueId,
            String callerId,
            Map<String, String> variables)
            throws IOException {
        Map<String, String> vars = new LinkedHashMap<>(variables);
        List<String> commands = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            Writer out =
                    new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(environment(port, pathAndQuery, uniqueId, callerId));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                out.write(answer(line, vars));
                out.flush();
            }
        }
        return new Call(vars, commands);
    }

    /** The environment Asterisk 18 sends for a PJSIP caller, ended by an empty line. */
    private static String environment(
            int port, String pathAndQuery, String uniqueId, String callerId) {
        return "agi_network: yes\n"
                + "agi_network_script: "
                + pathAndQuery
                + "\n"
                + "agi_request: agi://127.0.0.1:"
                + port
                + "/"
                + pathAndQuery
                + "\n"
                + "agi_channel: PJSIP/caller-00000001\n"
                + "agi_language: en\n"
                + "agi_type: PJSIP\n"
                + "agi_uniqueid: "
                + uniqueId
                + "\n"
                + "agi_version: 18.20.0\n"
                + "agi_callerid: "
                + callerId
                + "\n"
                + "agi_calleridname: Ana\n"
                + "agi_callingpres: 0\n"
                + "agi_dnid: 100\n"
                + "agi_context: ringstream\n"
                + "agi_extension: s\n"
                + "agi_priority: 1\n"
                + "agi_enhanced: 0.0\n"
                + "agi_accountcode: \n"
                + "agi_threadid: 140000000000001\n"
                + "\n";
    }

    private static String answer(String command, Map<String, String> vars) {
        Matcher set = SET.matcher(command);
        if (set.matches()) {
            vars.put(set.group(1), set.group(2));
            return "200 result=1\n";
        }
        Matcher get = GET.matcher(command);
        if (get.matches()) {
            String value = vars.get(get.group(1));
            return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
        }
        return "200 result=0\n";
    }
}
