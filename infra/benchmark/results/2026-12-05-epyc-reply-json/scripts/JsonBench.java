import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.query.bins.*;
import java.time.Instant;
import java.util.*;

public class JsonBench {
  public static void main(String[] a) throws Exception {
    var b = new org.springframework.http.converter.json.Jackson2ObjectMapperBuilder();
    b.modulesToInstall(new JavaTimeModule()).featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    if (a.length > 0) {
      Class<?> c = Class.forName("io.haulstream.query.api.ReplyJson"); var k = c.getDeclaredConstructor(); k.setAccessible(true);
      var m = c.getDeclaredMethod("fasterReplyWriting"); m.setAccessible(true);
      ((org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer) m.invoke(k.newInstance())).customize(b);
    }
    ObjectMapper om = b.build();
    Random r = new Random(1);
    List<Object> bins = new ArrayList<>();
    Class<?> nb = Class.forName("io.haulstream.query.bins.NearBin");
    var ctor = nb.getDeclaredConstructors()[0]; ctor.setAccessible(true);
    for (int i = 0; i < 500; i++) {
      bins.add(ctor.newInstance(new UUID(r.nextLong(), r.nextLong()).toString(), "BX-" + (100000 + r.nextInt(900000)), new UUID(r.nextLong(), r.nextLong()).toString(),
        "Familie M\u00fcller", "Sch\u00f6nhauser Allee " + r.nextInt(200) + ", 10437 Berlin", "ROLL_CART_240", "RESIDUAL",
        240, new BinView.Location(52.5 + r.nextDouble() / 10, 13.4 + r.nextDouble() / 10), r.nextInt(100),
        Instant.ofEpochSecond(1_764_000_000L + r.nextInt(100000), r.nextInt(1000) * 1_000_000L), Instant.ofEpochSecond(1_764_000_000L + r.nextInt(1000000), r.nextInt(1000000) * 1000L), new UUID(r.nextLong(), r.nextLong()).toString(),
        r.nextDouble() * 1000));
    }
    Class<?> bn = Class.forName("io.haulstream.query.bins.BinsNear");
    var c2 = bn.getDeclaredConstructors()[0]; c2.setAccessible(true);
    Object reply = c2.newInstance(bins);
    ObjectWriter w = om.writerFor(bn);
    byte[] out = w.writeValueAsBytes(reply);
    System.out.println("bytes " + out.length + ", SHA-256 " + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(out)));
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 10; round++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 2000; i++) out = w.writeValueAsBytes(reply);
      if (round >= 7) System.out.printf("round %d: %.3f ms cpu per reply%n", round, (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / 2000);
    }
  }
}
