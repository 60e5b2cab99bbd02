# Answers version questions with RubyGems' own Gem::Version, one line in, one line out.
require "rubygems"
mode = ARGV[0]
$stdout.sync = false
$stdin.each_line do |line|
  line = line.chomp
  if mode == "valid"
    puts(Gem::Version.correct?(line) ? "1" : "0")
  else
    a, b = line.split("\t", -1)
    c = Gem::Version.new(a) <=> Gem::Version.new(b)
    puts(c < 0 ? "<" : (c == 0 ? "=" : ">"))
  end
end
