import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

/** Answers version questions with Maven's own ComparableVersion, one line in, one line out. */
public class MavenOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (args[0].equals("valid")) {
                new ComparableVersion(line);
                out.println("1");  // ComparableVersion accepts every string.
            } else {
                String[] pair = line.split("\t", -1);
                int c = new ComparableVersion(pair[0]).compareTo(new ComparableVersion(pair[1]));
                out.println(c < 0 ? "<" : c == 0 ? "=" : ">");
            }
        }
        out.flush();
    }
}
