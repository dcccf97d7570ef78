# Reads vCards from standard input with python3-vobject and prints, per card,
# the values the Go tests compare (one per line, backslash and newline escaped).
import sys
import vobject


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n")


for card in vobject.readComponents(sys.stdin.read()):
    print("CARD")
    for child in card.getChildren():
        name = child.name.upper()
        if name in ("FN", "EMAIL", "NOTE"):
            print(name, esc(child.value))
        elif name == "CATEGORIES":
            for v in child.value:
                print("CATEGORY", esc(v))
