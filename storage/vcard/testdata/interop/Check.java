// Check reads vCards from standard input with ez-vcard and prints, per card,
// its parse warnings, validation warnings and the values the Go tests compare.
import ezvcard.*;
import ezvcard.io.text.VCardReader;
import ezvcard.io.ParseWarning;
import ezvcard.property.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Check {
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    VCardReader r = new VCardReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    VCard vc;
    while ((vc = r.readNext()) != null) {
      out.println("CARD " + vc.getVersion());
      for (ParseWarning w : r.getWarnings()) out.println("WARNING " + w);
      for (Photo p : vc.getPhotos()) out.println("PHOTO " + p.getContentType() + " " + (p.getData() == null ? -1 : p.getData().length));
      if (vc.getFormattedName() != null) out.println("FN " + esc(vc.getFormattedName().getValue()));
      for (Email e : vc.getEmails()) out.println("EMAIL " + esc(e.getValue()));
      for (Note n : vc.getNotes()) out.println("NOTE " + esc(n.getValue()));
      for (Categories c : vc.getCategoriesList()) for (String v : c.getValues()) out.println("CATEGORY " + esc(v));
      ValidationWarnings vw = vc.validate(vc.getVersion());
      if (!vw.isEmpty()) out.println("VALIDATION " + esc(vw.toString()));
    }
  }
  static String esc(String s) { return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"); }
}
