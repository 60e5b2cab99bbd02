// Command go_oracle answers version questions with golang.org/x/mod/semver, one line in, one line out.
// OSV writes Go versions without the leading "v"; the oracle adds it back, as Plimsoll does.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
)

func withV(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		line := in.Text()
		if os.Args[1] == "valid" {
			if semver.IsValid(withV(line)) {
				fmt.Fprintln(out, "1")
			} else {
				fmt.Fprintln(out, "0")
			}
			continue
		}
		pair := strings.SplitN(line, "\t", 2)
		switch semver.Compare(withV(pair[0]), withV(pair[1])) {
		case -1:
			fmt.Fprintln(out, "<")
		case 0:
			fmt.Fprintln(out, "=")
		default:
			fmt.Fprintln(out, ">")
		}
	}
}
